#!/usr/bin/env python3
"""Times `kubectl prow contexts` on 1,000 contexts in 100 files against `kubectl config
get-contexts` on the same files, measured side by side in one run.

Usage: bench/contexts.py [--runs N]   (builds the release binary first, or $KUBECTL_PROW_BIN)
kubectl: $KUBECTL_PROW_KUBECTL, else kubectl on PATH (skipped if neither).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 20


def fleet(directory, files=100, per_file=10):
    paths = []
    for f in range(files):
        lines = ["apiVersion: v1", "kind: Config", "clusters:"]
        for c in range(per_file):
            lines += [f"- name: cluster-{f}-{c}", "  cluster:",
                      f"    server: https://build-{f}-{c}.example.com:6443",
                      "    certificate-authority-data: " + "QUJD" * 300]
        lines.append("contexts:")
        for c in range(per_file):
            lines += [f"- name: build-{f}-{c}", "  context:", f"    cluster: cluster-{f}-{c}",
                      "    namespace: test-pods", f"    user: user-{f}-{c}"]
        lines.append("users:")
        for c in range(per_file):
            lines += [f"- name: user-{f}-{c}", "  user:", "    token: " + "t0k3n" * 200]
        path = os.path.join(directory, f"build-{f:03}.yaml")
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def median_ms(cmd, env=None, expect_lines=None):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
        if expect_lines is not None:
            got = len(out.stdout.splitlines())
            assert got == expect_lines, f"{cmd[0]} printed {got} lines, expected {expect_lines}"
    return statistics.median(times)


def main():
    ours = os.environ.get("KUBECTL_PROW_BIN")
    if not ours:
        subprocess.run(["cargo", "build", "--release", "--locked", "-q"], cwd=ROOT, check=True)
        ours = os.path.join(ROOT, "target", "release", "kubectl-prow")
    kubectl = os.environ.get("KUBECTL_PROW_KUBECTL") or shutil.which("kubectl")
    with tempfile.TemporaryDirectory() as d:
        files = fleet(d)
        env = dict(os.environ, KUBECONFIG=":".join(files), HOME=d)
        args = [a for f in files for a in ("--kubeconfig", f)]
        rows = {}
        rows["kubectl-prow --kubeconfig x100 contexts -o name (strict)"] = median_ms(
            [ours, *args, "contexts", "-o", "name"], env=env, expect_lines=1000)
        rows["kubectl-prow contexts (table, strict)"] = median_ms(
            [ours, *args, "contexts"], env=env, expect_lines=1001)
        rows["KUBECONFIG=x100 kubectl-prow contexts -o name (kubectl rules)"] = median_ms(
            [ours, "contexts", "-o", "name"], env=env, expect_lines=1000)
        rows["KUBECONFIG=x100 kubectl-prow contexts (table, kubectl rules)"] = median_ms(
            [ours, "contexts"], env=env, expect_lines=1001)
        if kubectl:
            rows["KUBECONFIG=x100 kubectl config get-contexts -o name"] = median_ms(
                [kubectl, "config", "get-contexts", "-o", "name"], env=env, expect_lines=1000)
            rows["KUBECONFIG=x100 kubectl config get-contexts (table)"] = median_ms(
                [kubectl, "config", "get-contexts"], env=env, expect_lines=1001)
        print(f"1,000 contexts in 100 files, median of {RUNS} runs, {os.cpu_count()} cores")
        for name, ms in rows.items():
            print(f"  {ms:8.1f} ms  {name}")
        if kubectl:
            ratio = rows["KUBECONFIG=x100 kubectl config get-contexts -o name"] / rows[
                "KUBECONFIG=x100 kubectl-prow contexts -o name (kubectl rules)"]
            print(f"  kubectl / kubectl-prow (same files, same rules): {ratio:.1f}x")
            table = rows["KUBECONFIG=x100 kubectl config get-contexts (table)"] / rows[
                "KUBECONFIG=x100 kubectl-prow contexts (table, kubectl rules)"]
            print(f"  kubectl / kubectl-prow, tables (ours reads every credential's expiry): {table:.1f}x")
        # Peak memory, one run each under GNU time.
        peaks = []
        for name, cmd in [("kubectl-prow contexts", [ours, "contexts"]),
                          ("kubectl config get-contexts", [kubectl, "config", "get-contexts"] if kubectl else None)]:
            if cmd is None or not os.path.exists("/usr/bin/time"):
                continue
            out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, capture_output=True, check=True)
            peaks.append(f"{name} {int(out.stderr.splitlines()[-1]) / 1024:.1f} MB")
        if peaks:
            print("  peak memory (max RSS): " + ", ".join(peaks))
        else:
            print("  (no kubectl: set KUBECTL_PROW_KUBECTL to compare)")


if __name__ == "__main__":
    main()
