#!/usr/bin/env python3
"""Simulated scale: synthetic Prow deployments in the shape of the real ones, at growing size.

For each size (default 1,000, 10,000 and 100,000 jobs; 10 jobs a file; 500 contexts in 50
kubeconfig files), it writes a job-config tree (presubmits, postsubmits and periodics with
decorated specs, labels, presets' labels, branches, resources, as test-infra writes them) and
times, median of RUNS runs each (interleaved), with the peak RSS from wait4:

  kubectl prow jobs -o json      (read, place every job, render)
  kubectl prow lint -o json      (every static check over kubeconfigs and jobs)
  kubectl prow contexts          (the 500 contexts, with job counts)

and prints time per 1,000 jobs so that linear growth is visible. There is no peer at 100,000
jobs (no public Prow is that large; bench/jobs.sh compares with PyYAML and checkconfig on real
trees); the targets are the issue's: under 1 s and 300 MB on this two-core machine.

Usage: bench/scale.py [--runs N] [--sizes 1000,10000,100000] [--keep DIR]
Builds the release binary first (cargo build --release --locked), or uses $KUBECTL_PROW_BIN.
"""
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


RUNS = int(arg("--runs", "5"))
SIZES = [int(s) for s in arg("--sizes", "1000,10000,100000").split(",")]
CONTEXTS = 500
PER_FILE = 10


def ca_data(directory):
    """A real CA certificate (base64 PEM), so that the kubeconfigs are clean for `lint`."""
    key, crt = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", crt,
                    "-days", "3650", "-subj", "/CN=scale-ca"], check=True,
                   capture_output=True)
    import base64
    return base64.b64encode(open(crt, "rb").read()).decode()


def kubeconfigs(directory):
    """500 contexts in 50 files, 10 each, as gencred writes them (token users)."""
    ca = ca_data(directory)
    paths = []
    for f in range(CONTEXTS // 10):
        lines = ["apiVersion: v1", "kind: Config", "clusters:"]
        for c in range(10):
            lines += [f"- name: build-{f:02}-{c}", "  cluster:",
                      f"    server: https://build-{f:02}-{c}.example.com:6443",
                      "    certificate-authority-data: " + ca]
        lines.append("contexts:")
        for c in range(10):
            lines += [f"- name: build-{f:02}-{c}", "  context:", f"    cluster: build-{f:02}-{c}",
                      "    namespace: test-pods", f"    user: build-{f:02}-{c}"]
        lines.append("users:")
        for c in range(10):
            lines += [f"- name: build-{f:02}-{c}", "  user:", "    token: " + "t0k3n" * 200]
        path = os.path.join(directory, f"kubeconfig-{f:02}.yaml")
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def job(kind, name, cluster, rnd):
    """One job in test-infra's shape (about 40 lines, the median of the real corpus)."""
    lines = [f"  - name: {name}"]
    if kind == "periodics":
        lines = [f"- name: {name}", f"  interval: {rnd.choice(['1h', '6h', '24h'])}"]
        ind = "  "
    else:
        ind = "    "
        lines += [f"{ind}always_run: {rnd.choice(['true', 'false'])}",
                  f"{ind}branches:", f"{ind}- ^main$", f"{ind}- ^release-1\\.\\d+$"]
        if kind == "presubmits":
            lines += [f"{ind}optional: false", f"{ind}run_if_changed: '^(cmd|pkg)/'"]
    lines += [f"{ind}cluster: {cluster}", f"{ind}decorate: true",
              f"{ind}decoration_config:", f"{ind}  timeout: 2h",
              f"{ind}labels:", f"{ind}  preset-service-account: \"true\"",
              f"{ind}  preset-dind-enabled: \"true\"",
              f"{ind}annotations:", f"{ind}  testgrid-dashboards: sig-testing-{name[:12]}",
              f"{ind}  testgrid-tab-name: {name}",
              f"{ind}  description: Runs the {name} suite against the cluster",
              f"{ind}extra_refs:", f"{ind}- org: kubernetes", f"{ind}  repo: test-infra",
              f"{ind}  base_ref: master", f"{ind}  path_alias: k8s.io/test-infra",
              f"{ind}spec:", f"{ind}  containers:",
              f"{ind}  - image: gcr.io/k8s-staging-test-infra/kubekins-e2e:v20261201-1234567-master",
              f"{ind}    command:", f"{ind}    - runner.sh", f"{ind}    args:",
              f"{ind}    - ./hack/e2e.sh", f"{ind}    - --timeout=100m",
              f"{ind}    env:", f"{ind}    - name: GOPATH", f"{ind}      value: /go",
              f"{ind}    resources:", f"{ind}      limits:", f"{ind}        cpu: 4",
              f"{ind}        memory: 16Gi", f"{ind}      requests:", f"{ind}        cpu: 4",
              f"{ind}        memory: 16Gi", f"{ind}    securityContext:",
              f"{ind}      privileged: true"]
    return lines


def deployment(directory, jobs, contexts):
    """`jobs` jobs, 10 a file, in org/repo directories of 100 files, spread over contexts."""
    rnd = random.Random(jobs)
    root = os.path.join(directory, "jobs")
    n = 0
    f = 0
    while n < jobs:
        org, repo = f"org{f // 1000:03}", f"repo{(f // 100) % 10}"
        d = os.path.join(root, org, repo)
        os.makedirs(d, exist_ok=True)
        kind = ("presubmits", "postsubmits", "periodics")[f % 3]
        out = []
        if kind == "periodics":
            out.append("periodics:")
        else:
            out += [f"{kind}:", f"  {org}/{repo}:"]
        for _ in range(min(PER_FILE, jobs - n)):
            out += job(kind, f"{kind[:4]}-{org}-{repo}-{n}", contexts[n % len(contexts)], rnd)
            n += 1
        with open(os.path.join(d, f"{repo}-{f}-{kind}.yaml"), "w") as fh:
            fh.write("\n".join(out) + "\n")
        f += 1
    config = os.path.join(directory, "config.yaml")
    with open(config, "w") as fh:
        fh.write("prowjob_namespace: prow\npod_namespace: test-pods\n"
                 "plank:\n  job_url_prefix_config:\n    '*': https://prow.example.com/view/\n")
    return config, root, f


def measure(cmd, env):
    """Median wall seconds and peak RSS (MB) over RUNS runs, and the last run's exit code."""
    times, peaks, code = [], [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
    return statistics.median(times), statistics.median(peaks), code


def main():
    ours = os.environ.get("KUBECTL_PROW_BIN")
    if not ours:
        subprocess.run(["cargo", "build", "--release", "--locked", "-q"], cwd=ROOT, check=True)
        ours = os.path.join(ROOT, "target", "release", "kubectl-prow")
    load = open("/proc/loadavg").read().split()[0]
    print(f"simulated scale: {CONTEXTS} contexts in 50 files, {PER_FILE} jobs a file, "
          f"median of {RUNS} runs, {os.cpu_count()} cores, load {load} at start")
    print(f"{'jobs':>8} {'files':>6}  {'command':<10} {'time':>8} {'per 1k jobs':>12} "
          f"{'peak RSS':>9}  exit")
    keep = arg("--keep", None)
    for size in SIZES:
        with tempfile.TemporaryDirectory() as d:
            d = keep or d
            kcs = kubeconfigs(d)
            names = [f"build-{f:02}-{c}" for f in range(CONTEXTS // 10) for c in range(10)]
            config, jobs_dir, files = deployment(d, size, names)
            env = dict(os.environ, HOME=d, KUBECONFIG="")
            base = [ours] + [a for k in kcs for a in ("--kubeconfig", k)] + [
                "--config-path", config, "--job-config-path", jobs_dir]
            for name, cmd in [("jobs", base + ["jobs", "-o", "json"]),
                              ("lint", base + ["lint", "-o", "json"]),
                              ("contexts", base + ["contexts"])]:
                secs, mb, code = measure(cmd, env)
                print(f"{size:>8} {files:>6}  {name:<10} {secs:>7.3f}s {secs / size * 1000:>11.4f}s "
                      f"{mb:>7.1f}MB  {code}", flush=True)


if __name__ == "__main__":
    main()
