#!/usr/bin/env bash
# Size and start-up time of the plugin as shipped, measured side by side in ONE run: the static
# binary from the release archive (built by scripts/release.sh when missing), run through the
# real kubectl as `kubectl prow --version` and `kubectl prow contexts` on a small kubeconfig,
# against kubectl's own `kubectl config get-contexts` on the same file, and the plugin run
# directly (what kubectl's plugin dispatch adds). The outputs are checked first (the same
# context names). Interleaved, RUNS times each (default 31) after a warm-up; prints medians and
# ratios to kubectl's command, so a shared machine's load cancels out as far as it can.
#
# Usage: bench/startup.sh   (KUBECTL=path to use a kubectl other than the one
#                            tests/realk8s/build.sh builds, v1.37.2)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
RUNS=${RUNS:-31}
version=$(awk -F'"' '/^\[/ { pkg = ($0 == "[package]") } pkg && /^version *=/ { print $2; exit }' Cargo.toml)
archive=${CARGO_TARGET_DIR:-$repo/target}/release-archives/kubectl-prow_v${version}_linux_amd64.tar.gz
if [[ ! -f $archive ]]; then
  echo "== building the release archives" >&2
  scripts/release.sh --keep-manifest >&2
fi
kubectl=${KUBECTL:-$repo/target/realk8s/bin/kubectl}
if [[ ! -x $kubectl ]]; then
  echo "== building kubectl (tests/realk8s/build.sh)" >&2
  tests/realk8s/build.sh >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
tar -xzf "$archive" -C "$work/bin" kubectl-prow
plugin=$work/bin/kubectl-prow
kubeconfig=$repo/examples/separate-cluster.yaml
# Only the plugin's directory on PATH, as krew would arrange it; no kubeconfig of the machine's.
export PATH="$work/bin:$PATH" HOME=$work NO_COLOR=1
unset KUBECONFIG

names_ours=$("$kubectl" prow contexts --kubeconfig "$kubeconfig" -o name | sed 's|^context/||' | sort)
names_theirs=$("$kubectl" config get-contexts --kubeconfig "$kubeconfig" -o name | sort)
if [[ $names_ours != "$names_theirs" ]]; then
  echo "error: the context names differ:" >&2
  diff <(echo "$names_ours") <(echo "$names_theirs") >&2 || true
  exit 1
fi
"$kubectl" prow --version | grep -qx "kubectl-prow $version"

labels=(
  "kubectl config get-contexts"
  "kubectl prow --version"
  "kubectl prow contexts"
  "kubectl-prow --version (direct)"
  "kubectl-prow contexts (direct)"
)
cmds=(
  "$kubectl config get-contexts --kubeconfig $kubeconfig"
  "$kubectl prow --version"
  "$kubectl prow contexts --kubeconfig $kubeconfig"
  "$plugin --version"
  "$plugin contexts --kubeconfig $kubeconfig"
)
declare -A times
for ((r = 0; r <= RUNS; r++)); do
  for i in "${!cmds[@]}"; do
    t0=$EPOCHREALTIME
    ${cmds[$i]} >/dev/null
    t1=$EPOCHREALTIME
    # Run 0 is the warm-up (page cache, kubectl's first start).
    ((r == 0)) || times[$i]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }') "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

size=$(stat -c %s "$plugin")
echo "kubectl-prow v$version, linux/amd64 static (musl), stripped: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB); archive $(stat -c %s "$archive") bytes"
file -b "$plugin" 2>/dev/null | sed 's/^/  /' || true
echo "kubectl: $("$kubectl" version --client 2>/dev/null | head -1); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kubeconfig: examples/separate-cluster.yaml ($(echo "$names_theirs" | wc -l) contexts)"
echo "median wall time of $RUNS interleaved runs:"
base=$(echo "${times[0]}" | median)
for i in "${!cmds[@]}"; do
  m=$(echo "${times[$i]}" | median)
  printf '  %-34s %8.2f ms  %5.2fx\n' "${labels[$i]}" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN { print a / b }')"
done
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
if [[ -x /usr/bin/time ]]; then
  echo "peak RSS: kubectl prow contexts (plugin only) $(rss "$plugin" contexts --kubeconfig "$kubeconfig") KiB," \
    "kubectl config get-contexts $(rss "$kubectl" config get-contexts --kubeconfig "$kubeconfig") KiB"
fi
