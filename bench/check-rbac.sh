#!/usr/bin/env bash
# check-rbac against the real API servers of tests/realk8s/, measured side by side in ONE run:
#   (a) `kubectl prow check-rbac`: 20 contexts x 9 checks (the job-context checks: pods get,
#       list, watch, create, patch, delete; pods/log get; events get, list) = 180 cells,
#   (b) the loop an operator writes today: one `kubectl --context X auth can-i ...` per cell
#       (kubectl v1.37.2, built from the apiserver's own module by tests/realk8s/build.sh).
# The 20 contexts are 20 ServiceAccounts (TokenRequest tokens), one namespace each, on the build
# cluster; half may run pods, half only read them, so both answers appear. Interleaved, RUNS
# times each (default 7) after a warm-up; prints medians and the ratio. Both tools' answers are
# compared cell by cell first: a benchmark of wrong answers is worthless.
#
# (c) the floor: h2load (nghttp2-client) sending as many requests as (a) does (CONTEXTS x 9
#     SelfSubjectAccessReviews and one SelfSubjectReview per context) over one HTTP/2
#     connection with 100 streams, one token (the API server caches token authentication, so
#     distinct identities cost it little); skipped with a line when h2load is not installed.
# Beyond 20 contexts the kubectl loop is not timed (it is one process per cell: 1,800 at 200
# contexts); the answers of the first 20 contexts are still compared with kubectl's, and the
# ratio printed is the one against the floor. Ours' peak memory (GNU time's max RSS) is printed.
#
# Usage: bench/check-rbac.sh            (starts the clusters, stops them at the end)
#        CONTEXTS=200 bench/check-rbac.sh            (the scale case)
#        REALK8S_STATE_DIR=DIR bench/check-rbac.sh   (uses clusters already up there)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
RUNS=${RUNS:-7}
N=${CONTEXTS:-20}

echo "== building ours (release)" >&2
cargo build --release --locked >&2
tests/realk8s/build.sh >&2
ours=$repo/target/release/kubectl-prow
kubectl=$repo/target/realk8s/bin/kubectl

state=${REALK8S_STATE_DIR:-}
if [[ -z $state ]]; then
  state=$(mktemp -d)/run
  REALK8S_OWNER_PID=$$ tests/realk8s/up.sh "$state" >&2
  trap 'tests/realk8s/down.sh "$state" >&2' EXIT
fi
# shellcheck disable=SC1091
source "$state/env"
admin=(--kubeconfig "$REALK8S_ADMIN_KUBECONFIG" --context build-admin)
work=$(mktemp -d)
cache=$work/kubectl-cache

echo "== $N ServiceAccounts, one namespace each" >&2
{
  for i in $(seq -w 1 "$N"); do
    verbs='[get, list, watch, create, patch, delete]'
    (( 10#$i % 2 )) && verbs='[get, list, watch]'
    cat <<YAML
apiVersion: v1
kind: Namespace
metadata: {name: bench-$i}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: prow, namespace: bench-$i}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pods, namespace: bench-$i}
rules: [{apiGroups: [""], resources: [pods], verbs: $verbs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pods, namespace: bench-$i}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
subjects: [{kind: ServiceAccount, name: prow, namespace: bench-$i}]
---
YAML
  done
} | "$kubectl" "${admin[@]}" --cache-dir "$cache" apply -f - >/dev/null

kc=$work/bench.yaml
{
  echo "apiVersion: v1"
  echo "kind: Config"
  echo "clusters:"
  echo "- name: build"
  echo "  cluster: {server: '$BUILD_SERVER', certificate-authority: '$BUILD_CA'}"
  echo "users:"
  for i in $(seq -w 1 "$N"); do
    token=$("$kubectl" "${admin[@]}" --cache-dir "$cache" -n "bench-$i" create token prow --duration=1h)
    echo "- name: ctx-$i"
    echo "  user: {token: '$token'}"
  done
  echo "contexts:"
  for i in $(seq -w 1 "$N"); do
    echo "- name: ctx-$i"
    echo "  context: {cluster: build, user: ctx-$i, namespace: bench-$i}"
  done
} >"$kc"

checks=("get pods" "list pods" "watch pods" "create pods" "patch pods" "delete pods"
  "get pods --subresource=log" "get events" "list events")
# The kubectl loop covers every context up to 20, the first 20 beyond.
loop_n=$((N > 20 ? 20 : N))
kubectl_loop() {
  for i in $(seq -w 1 "$N" | head -n "$loop_n"); do
    # `check`, local: the timing arrays below are a, b and c.
    local check
    for check in "${checks[@]}"; do
      # shellcheck disable=SC2086
      echo "ctx-$i $check $("$kubectl" --kubeconfig "$kc" --cache-dir "$cache" --context "ctx-$i" -n "bench-$i" auth can-i $check 2>/dev/null || true)"
    done
  done
}
ours_run() { "$ours" --kubeconfig "$kc" check-rbac -o json; }

echo "== comparing answers cell by cell" >&2
kubectl_loop >"$work/kubectl.txt"
ours_run >"$work/ours.json" || true
python3 - "$work/ours.json" "$work/kubectl.txt" <<'PY'
import json, sys
ours = {}
theirs_contexts = {line.split()[0] for line in open(sys.argv[2])}
for r in json.load(open(sys.argv[1])):
    if r["context"] not in theirs_contexts:
        continue
    for c in r["checks"]:
        res = c["resource"] + ("/" + c["subresource"] if c["subresource"] else "")
        ours[(r["context"], c["verb"], res)] = "yes" if c["allowed"] else "no"
theirs = {}
for line in open(sys.argv[2]):
    f = line.split()
    res = f[2] + ("/log" if "--subresource=log" in f else "")
    theirs[(f[0], f[1], res)] = f[-1]
assert len(ours) == len(theirs) == len(set(ours) | set(theirs)), (len(ours), len(theirs))
bad = [k for k in ours if ours[k] != theirs[k]]
assert not bad, bad
print(f"   {len(ours)} cells ({len(theirs_contexts)} contexts), all equal ({sum(v == 'yes' for v in ours.values())} yes)", file=sys.stderr)
PY

cells=$((N * ${#checks[@]}))
requests=$((cells + N))
h2=false
if command -v h2load >/dev/null 2>&1; then
  h2=true
  token=$("$kubectl" "${admin[@]}" --cache-dir "$cache" -n bench-$(seq -w 1 "$N" | head -1) create token prow --duration=1h)
  printf '%s' '{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"bench-1","verb":"create","resource":"pods"}}}' >"$work/review.json"
  floor_run() {
    h2load -n "$requests" -c 1 -m 100 -d "$work/review.json" -H 'content-type: application/json' \
      -H "authorization: Bearer $token" "$BUILD_SERVER/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" >"$work/h2load.txt"
    grep -q "$requests succeeded" "$work/h2load.txt" || { cat "$work/h2load.txt" >&2; exit 1; }
  }
else
  echo "   h2load not installed (apt-get install nghttp2-client): no floor measured" >&2
fi
loop_timed=$((N <= 20))

now() { echo "$EPOCHREALTIME"; }
a=() b=() c=()
ours_run >/dev/null || true # warm-up
$h2 && floor_run
for _ in $(seq "$RUNS"); do
  t=$(now); ours_run >/dev/null || true; a+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}')")
  if ((loop_timed)); then
    t=$(now); kubectl_loop >/dev/null; b+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}')")
  fi
  if $h2; then
    t=$(now); floor_run; c+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}')")
  fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
ma=$(median "${a[@]}")
# check-rbac exits 1 when a check is denied (half the contexts here may not create pods).
rss=$( { /usr/bin/time -f '%M' "$ours" --kubeconfig "$kc" check-rbac -o json >/dev/null || true; } 2>&1 | tail -1)
echo
echo "check-rbac, $N contexts x ${#checks[@]} checks = $cells cells, $RUNS interleaved runs, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-44s %10s %10s %10s\n' "" median min max
printf '%-44s %9.3fs %9.3fs %9.3fs\n' "kubectl prow check-rbac (one process)" "$ma" \
  "$(printf '%s\n' "${a[@]}" | sort -g | head -1)" "$(printf '%s\n' "${a[@]}" | sort -g | tail -1)"
if ((loop_timed)); then
  mb=$(median "${b[@]}")
  printf '%-44s %9.3fs %9.3fs %9.3fs\n' "kubectl auth can-i loop ($cells processes)" "$mb" \
    "$(printf '%s\n' "${b[@]}" | sort -g | head -1)" "$(printf '%s\n' "${b[@]}" | sort -g | tail -1)"
fi
if $h2; then
  mc=$(median "${c[@]}")
  printf '%-44s %9.3fs %9.3fs %9.3fs\n' "h2load, $requests requests, 1 conn x 100 streams" "$mc" \
    "$(printf '%s\n' "${c[@]}" | sort -g | head -1)" "$(printf '%s\n' "${c[@]}" | sort -g | tail -1)"
fi
echo "peak memory of ours: $((rss / 1024)) MB (max RSS)"
if ((loop_timed)); then
  awk -v a="$ma" -v b="$mb" 'BEGIN { printf "ratio: the kubectl loop takes %.1fx as long (target: >= 70x, and ours < 0.100 s)\n", b / a }'
fi
if $h2; then
  awk -v a="$ma" -v c="$mc" 'BEGIN { printf "ratio: ours takes %.2fx the floor (h2load; target: <= 1.25x)\n", a / c }'
fi
