#!/usr/bin/env bash
# check-pods against the real build API server of tests/realk8s/, measured side by side in ONE
# run, over the same pods (JOBS decorated periodics, default 300, each its own pod):
#   (a) `kubectl prow check-pods`: reads the Prow configuration, builds every pod, sends each
#       with dryRun=All over one HTTP/2 connection (and looks up the Secret the pods name);
#   (b) what an operator has today: one `kubectl create --dry-run=server -f pods.json` process
#       over the very pods (a) builds (`--print-pods`), which sends them one after another;
#   (c) the floor: the same POSTs, dryRun=All, from curl --parallel --http2 (one connection,
#       up to 32 streams), bodies prepared beforehand.
# Context build-plank (plank's ServiceAccount, namespace test-pods). Answers are compared first
# (every pod admitted by both tools). Interleaved, RUNS times each (default 5) after a warm-up;
# prints medians and the ratios.
#
# Usage: bench/check-pods.sh            (starts the clusters, stops them at the end)
#        REALK8S_STATE_DIR=DIR bench/check-pods.sh   (uses clusters already up there)
#        KUBECTL_PROW=path/to/kubectl-prow bench/check-pods.sh   (skips the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
RUNS=${RUNS:-5}
N=${JOBS:-300}

ours=${KUBECTL_PROW:-}
if [[ -z $ours ]]; then
  echo "== building ours (release)" >&2
  cargo build --release --locked >&2
  ours=$repo/target/release/kubectl-prow
fi
state=${REALK8S_STATE_DIR:-}
if [[ -z $state ]]; then
  tests/realk8s/build.sh >&2
  state=$(mktemp -d)/run
  REALK8S_OWNER_PID=$$ tests/realk8s/up.sh "$state" >&2
  trap 'tests/realk8s/down.sh "$state" >&2' EXIT
fi
# shellcheck disable=SC1091
source "$state/env"
kubectl=$REALK8S_KUBECTL
kc=$REALK8S_KUBECONFIG_SPLIT/build-plank.yaml
work=$(mktemp -d)
cache=$work/kubectl-cache

cat >"$work/config.yaml" <<'YAML'
pod_namespace: test-pods
plank:
  default_decoration_config_entries:
  - config:
      timeout: 2h
      grace_period: 15m
      utility_images: {clonerefs: 'clonerefs:v1', initupload: 'initupload:v1', entrypoint: 'entrypoint:v1', sidecar: 'sidecar:v1'}
      gcs_configuration: {bucket: logs, path_strategy: explicit}
      gcs_credentials_secret: gcs-credentials
      resources:
        sidecar: {requests: {cpu: 100m}}
YAML
{
  echo "periodics:"
  for i in $(seq -w 1 "$N"); do
    cat <<YAML
- name: ci-bench-$i
  cluster: build-plank
  interval: 1h
  decorate: true
  extra_refs: [{org: kubernetes, repo: test-infra, base_ref: master}]
  labels: {preset-bench: "true"}
  spec:
    containers:
    - image: gcr.io/k8s-staging-test-infra/kubekins-e2e:v20260810
      command: [runner.sh]
      args: [make, test, "SHARD=$i"]
      resources: {requests: {cpu: "2", memory: 4Gi}, limits: {cpu: "2", memory: 4Gi}}
YAML
  done
} >"$work/jobs.yaml"
prow=(--kubeconfig "$kc" --config-path "$work/config.yaml" --job-config-path "$work/jobs.yaml")

"$ours" "${prow[@]}" check-pods --print-pods >"$work/pods.json"
token=$("$kubectl" --kubeconfig "$kc" config view --raw -o jsonpath='{.users[0].user.token}')
python3 - "$work" "$BUILD_SERVER" "$token" "$BUILD_CA" <<'PY'
import json, os, sys
work, server, token, ca = sys.argv[1:]
items = json.load(open(f"{work}/pods.json"))["items"]
os.makedirs(f"{work}/pods", exist_ok=True)
with open(f"{work}/curl.cfg", "w") as cfg:
    # --next resets per-request options, so each request carries its own.
    for i, pod in enumerate(items):
        if i:
            cfg.write("next\n")
        path = f"{work}/pods/{i}.json"
        json.dump(pod, open(path, "w"))
        ns = pod["metadata"]["namespace"]
        cfg.write(f'url = "{server}/api/v1/namespaces/{ns}/pods?dryRun=All"\n')
        cfg.write('request = "POST"\n')
        cfg.write(f'data-binary = "@{path}"\n')
        cfg.write('header = "Content-Type: application/json"\n')
        cfg.write(f'header = "Authorization: Bearer {token}"\n')
        cfg.write(f'cacert = "{ca}"\nhttp2\nsilent\nshow-error\n')
        cfg.write('write-out = "%{http_code}\\n"\noutput = "/dev/null"\n')
print(f"   {len(items)} pods", file=sys.stderr)
PY

ours_run() { "$ours" "${prow[@]}" check-pods -o json; }
kubectl_run() { "$kubectl" --kubeconfig "$kc" --cache-dir "$cache" create --dry-run=server -f "$work/pods.json" -o name; }
curl_run() { curl -sS --no-progress-meter --parallel --parallel-max 32 -K "$work/curl.cfg"; }

echo "== comparing answers" >&2
ours_run >"$work/ours.json" || true
kubectl_run >"$work/kubectl.txt" 2>"$work/kubectl.err" || true
curl_run >"$work/curl.txt"
python3 - "$work" "$N" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
ours = json.load(open(f"{work}/ours.json"))
assert len(ours) == n and all(r["status"] == "admitted" for r in ours), [r for r in ours if r["status"] != "admitted"][:3]
created = [l for l in open(f"{work}/kubectl.txt") if l.strip()]
assert len(created) == n, (len(created), open(f"{work}/kubectl.err").read()[:500])
codes = [l.strip() for l in open(f"{work}/curl.txt") if l.strip()]
assert len(codes) == n and set(codes) == {"201"}, set(codes)
print(f"   {n} pods admitted by all three", file=sys.stderr)
PY

now() { echo "$EPOCHREALTIME"; }
a=() b=() c=()
ours_run >/dev/null || true # warm-up
for _ in $(seq "$RUNS"); do
  t=$(now); ours_run >/dev/null || true; a+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}')")
  t=$(now); kubectl_run >/dev/null 2>&1 || true; b+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}')")
  t=$(now); curl_run >/dev/null; c+=("$(awk -v a="$t" -v b="$EPOCHREALTIME" 'BEGIN{print b-a}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END{print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
row() {
  local name=$1; shift
  printf '%-52s %9.3fs %9.3fs %9.3fs\n' "$name" "$(median "$@")" \
    "$(printf '%s\n' "$@" | sort -g | head -1)" "$(printf '%s\n' "$@" | sort -g | tail -1)"
}
ma=$(median "${a[@]}") mb=$(median "${b[@]}") mc=$(median "${c[@]}")
echo
echo "check-pods, $N jobs' pods, $RUNS interleaved runs, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-52s %10s %10s %10s\n' "" median min max
row "kubectl prow check-pods (load, build, ask)" "${a[@]}"
row "kubectl create --dry-run=server -f (one process)" "${b[@]}"
row "curl --parallel --http2 (same POSTs, one connection)" "${c[@]}"
awk -v a="$ma" -v b="$mb" -v c="$mc" 'BEGIN {
  printf "ratio: kubectl takes %.1fx as long as check-pods (aim: >= 10x)\n", b / a
  printf "ratio: check-pods takes %.2fx the curl floor (aim: <= 2x)\n", a / c
}'
rm -rf "$work"
