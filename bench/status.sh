#!/usr/bin/env bash
# `kubectl prow status` on many ProwJobs against `kubectl get prowjobs -o json` over the same
# objects, measured side by side in ONE run on the real clusters of tests/realk8s/ (start them
# with tests/realk8s/up.sh, or run inside scripts/test.sh's environment).
#
# Creates N ProwJobs (default 20000) in a namespace of its own on the service cluster (in
# batches of 6,000, with server-side apply), then runs each command RUNS times (default 5), interleaved
# after a warm-up, and prints median wall time, CPU and peak RSS, and the ratio. The namespace
# is deleted at the end.
#
# Usage: KUBECTL_PROW_REALK8S=target/realk8s/run bench/status.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

STATE="${KUBECTL_PROW_REALK8S:-target/realk8s/run}"
N="${1:-20000}"
RUNS="${RUNS:-5}"
[[ -f "$STATE/env" ]] || { echo "no real clusters at $STATE (tests/realk8s/up.sh)" >&2; exit 1; }
# shellcheck disable=SC1091
source <(grep -E '^[A-Z0-9_]+=' "$STATE/env" | sed 's/^/export /')
KUBECTL="$REALK8S_BIN/kubectl"
ADMIN="$REALK8S_ADMIN_KUBECONFIG"
NS="bench-status-$$"
k() { "$KUBECTL" --kubeconfig "$ADMIN" --context service-admin "$@"; }

echo "== building ours" >&2
cargo build --release --locked >&2
trap 'k delete namespace "$NS" --wait=false >/dev/null 2>&1 || true' EXIT
k create namespace "$NS" >/dev/null

echo "== creating $N ProwJobs in $NS" >&2
start=$SECONDS
python3 - "$N" "$NS" <<'PY' | split -l 36000 - "/tmp/$NS-"
import sys
n, ns = int(sys.argv[1]), sys.argv[2]
states = ["success", "success", "success", "failure", "pending", "triggered", "aborted", "error"]
for i in range(n):
    print(f"""---
apiVersion: prow.k8s.io/v1
kind: ProwJob
metadata: {{name: pj-{i:06d}, namespace: {ns}, labels: {{prow.k8s.io/job: job-{i % 500}}}}}
spec: {{cluster: build-{i % 10}, job: job-{i % 500}, type: periodic, agent: kubernetes}}
status: {{state: {states[i % len(states)]}, startTime: "2026-01-01T00:00:00Z", description: "benchmark object {i}", url: "https://prow.example.com/view/{i}"}}""")
PY
for f in /tmp/"$NS"-*; do
  k apply --server-side -f "$f" >/dev/null
  rm -f "$f"
done
echo "created in $((SECONDS - start)) s" >&2

# A kubeconfig whose ProwJob context reads that namespace.
KC=$(mktemp)
sed "s/namespace: default/namespace: $NS/" "$ADMIN" >"$KC"
export KC NS RUNS KUBECTL
exec python3 - <<'PY'
import os, statistics, subprocess, time
kc, ns, runs, kubectl = os.environ["KC"], os.environ["NS"], int(os.environ["RUNS"]), os.environ["KUBECTL"]
cmds = {
    "kubectl-prow status": ["target/release/kubectl-prow", "--kubeconfig", kc,
                            "--prow-job-context", "service-admin", "status", "-o", "json"],
    "kubectl get prowjobs": [kubectl, "--kubeconfig", kc, "--context", "service-admin",
                             "-n", ns, "get", "prowjobs", "-o", "json"],
}
def once(argv):
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ,
                          file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    return time.perf_counter() - t0, os.waitstatus_to_exitcode(status), ru.ru_maxrss / 1024, ru.ru_utime + ru.ru_stime
for name, argv in cmds.items():
    w, rc, _, _ = once(argv)
    print(f"warm-up {name}: rc={rc} {w:.2f}s")
res = {n: [once(a) for _ in range(0)] for n, a in cmds.items()}
for _ in range(runs):
    for name, argv in cmds.items():
        res[name].append(once(argv))
print(f"\n{runs} runs each, interleaved; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
print(f"{'command':22s} {'median':>8s} {'cpu':>8s} {'peak RSS':>10s}  rc")
med = {}
for name, rs in res.items():
    med[name] = statistics.median(r[0] for r in rs)
    print(f"{name:22s} {med[name]:7.2f}s {statistics.median(r[3] for r in rs):7.2f}s "
          f"{statistics.median(r[2] for r in rs):8.0f} MB  {sorted(set(r[1] for r in rs))}")
a, b = med["kubectl get prowjobs"], med["kubectl-prow status"]
print(f"\nratio: kubectl get prowjobs / kubectl-prow status = {a / b:.2f}")
PY
