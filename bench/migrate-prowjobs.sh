#!/usr/bin/env bash
# `kubectl prow migrate prowjobs --write` against what operators do by hand today,
#   kubectl get prowjobs -o json | jq (server fields removed) | kubectl create -f -
# over the same N ProwJobs (default 5000), measured side by side in ONE run on the real
# clusters of tests/realk8s/ (start them with tests/realk8s/up.sh, or run inside
# scripts/test.sh's environment).
#
# Creates N ProwJobs with a full status in a source namespace of its own on the service
# cluster, then copies them RUNS times (default 3) with each tool, interleaved, each run into a
# fresh, empty target namespace; checks that every run left N ProwJobs there; prints the
# median wall time, CPU and peak RSS of each, and the ratio. kubectl-prow also re-reads and
# compares every copy (the pipeline does not), and checks preflight first. Every namespace it
# made is deleted at the end.
#
# Needs the release build (cargo build --release) and jq.
# Usage: KUBECTL_PROW_REALK8S=target/realk8s/run bench/migrate-prowjobs.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

STATE="${KUBECTL_PROW_REALK8S:-target/realk8s/run}"
N="${1:-5000}"
RUNS="${RUNS:-3}"
[[ -f "$STATE/env" ]] || { echo "no real clusters at $STATE (tests/realk8s/up.sh)" >&2; exit 1; }
command -v jq >/dev/null || { echo "needs jq" >&2; exit 1; }
# shellcheck disable=SC1091
source <(grep -E '^[A-Z0-9_]+=' "$STATE/env" | sed 's/^/export /')
KUBECTL="$REALK8S_BIN/kubectl"
ADMIN="$REALK8S_ADMIN_KUBECONFIG"
SRC="bench-mpj-src-$$"
k() { "$KUBECTL" --kubeconfig "$ADMIN" --context service-admin "$@"; }

echo "== building ours" >&2
cargo build --release --locked >&2
MADE="/tmp/made-$SRC"
echo "$SRC" >"$MADE"
cleanup() {
  while read -r ns; do k delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; done <"$MADE"
  rm -f "$MADE"
}
trap cleanup EXIT
k create namespace "$SRC" >/dev/null

echo "== creating $N ProwJobs in $SRC" >&2
start=$SECONDS
python3 - "$N" "$SRC" <<'PY' | split -l 30000 - "/tmp/$SRC-part-"
import sys
n, ns = int(sys.argv[1]), sys.argv[2]
states = ["success", "success", "success", "failure", "aborted", "error"]
for i in range(n):
    s = states[i % len(states)]
    print(f"""---
apiVersion: prow.k8s.io/v1
kind: ProwJob
metadata: {{name: pj-{i:06d}, namespace: {ns}, labels: {{created-by-prow: "true", prow.k8s.io/job: job-{i % 500}, prow.k8s.io/type: periodic}}, annotations: {{prow.k8s.io/job: job-{i % 500}}}}}
spec: {{cluster: build-{i % 10}, job: job-{i % 500}, type: periodic, agent: kubernetes, namespace: test-pods, report: true}}
status: {{state: {s}, startTime: "2026-01-01T00:00:00Z", pendingTime: "2026-01-01T00:00:05Z", completionTime: "2026-01-01T00:20:00Z", description: "benchmark object {i}", url: "https://prow.example.com/view/{i}", build_id: "{1000000 + i}", pod_name: "pj-{i:06d}", prev_report_states: {{crier: {s}}}}}""")
PY
for f in /tmp/"$SRC"-part-*; do
  k apply --server-side -f "$f" >/dev/null
  rm -f "$f"
done
echo "created in $((SECONDS - start)) s" >&2

# The runs; each target namespace is made before and counted after, outside the timing.
export KUBECTL ADMIN SRC N RUNS
export MADE
python3 - <<'PY'
import json, os, statistics, subprocess, time
kubectl, admin, src, n, runs = (os.environ[k] for k in ["KUBECTL", "ADMIN", "SRC", "N", "RUNS"])
n, runs = int(n), int(runs)
k = [kubectl, "--kubeconfig", admin, "--context", "service-admin"]
strip = ('.items |= map(del(.metadata.uid, .metadata.resourceVersion, .metadata.creationTimestamp,'
         ' .metadata.managedFields, .metadata.generation, .metadata.selfLink)'
         ' | .metadata.namespace = $ns)')
def ours(dst):
    return ["target/release/kubectl-prow", "--kubeconfig", admin, "migrate", "prowjobs",
            "--from", "service-admin", "--to", "service-admin",
            "--from-namespace", src, "--to-namespace", dst, "--write", "-o", "json"]
def peer(dst):
    q = lambda a: "'" + a.replace("'", "'\\''") + "'"
    kk = " ".join(q(a) for a in k)
    return ["bash", "-o", "pipefail", "-c",
            f"{kk} get prowjobs -n {q(src)} -o json | jq --arg ns {q(dst)} {q(strip)} "
            f"| {kk} create -f - >/dev/null"]
cmds = {"kubectl-prow migrate": ours, "kubectl get|jq|create": peer}
def once(argv):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, os.waitstatus_to_exitcode(status), ru.ru_maxrss / 1024, ru.ru_utime + ru.ru_stime
res = {name: [] for name in cmds}
i = 0
for r in range(runs):
    for name, make in cmds.items():
        i += 1
        dst = f"{src.replace('src', 'dst')}-{i}"
        subprocess.run(k + ["create", "namespace", dst], check=True, stdout=subprocess.DEVNULL)
        with open(os.environ["MADE"], "a") as f:
            f.write(dst + "\n")
        t = once(make(dst))
        got = json.loads(subprocess.run(k + ["get", "prowjobs", "-n", dst, "-o", "json"],
                                        check=True, capture_output=True).stdout)["items"]
        assert len(got) == n, f"{name} left {len(got)} of {n} ProwJobs in {dst}"
        assert all(o.get("status", {}).get("build_id") for o in got), f"{name}: a status is missing"
        print(f"run {r + 1} {name}: rc={t[1]} {t[0]:.2f}s", flush=True)
        res[name].append(t)
print(f"\n{n} ProwJobs, {runs} runs each, interleaved; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
print(f"{'command':24s} {'median':>8s} {'cpu':>8s} {'peak RSS':>10s}  rc")
med = {}
for name, rs in res.items():
    med[name] = statistics.median(r[0] for r in rs)
    print(f"{name:24s} {med[name]:7.2f}s {statistics.median(r[3] for r in rs):7.2f}s "
          f"{statistics.median(r[2] for r in rs):8.0f} MB  {sorted(set(r[1] for r in rs))}")
a, b = med["kubectl get|jq|create"], med["kubectl-prow migrate"]
print(f"\nratio: kubectl get|jq|create / kubectl-prow migrate = {a / b:.2f}")
PY
