#!/usr/bin/env bash
# The project's test command: build the real Kubernetes binaries, Prow's kubeconfig loader and
# Prow's job-config reader (cached), start the two test clusters, run `cargo test --all-targets --locked`, and stop the
# clusters whatever happens.
#
# Usage: scripts/test.sh [CARGO TEST ARGS...] [-- TEST BINARY ARGS...]
#
# Without `go` the cluster part is skipped with a message and the real-cluster tests skip
# themselves; with CI set (non-empty), a missing `go` or a failure to build or start the clusters
# fails the run instead.
#
# With CI set, or KUBECTL_PROW_RELEASE_TESTS=1, it also builds the release archives
# (scripts/release.sh --keep-manifest) and krew (scripts/build-krew.sh) for tests/krew.rs.
#
# Environment: REALK8S_STATE_DIR (default <repo>/target/realk8s/run), plus what
# tests/realk8s/up.sh and build.sh, tests/prowloader/build.sh and tests/prowjobreader/build.sh read.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
realk8s=$repo/tests/realk8s
state=${REALK8S_STATE_DIR:-$repo/target/realk8s/run}
bin=${REALK8S_BIN:-$repo/target/realk8s/bin}
ci=${CI:-}

say() { echo "test.sh: $*" >&2; }
now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }
timings=()

# Cargo's own arguments go to the pre-build too; arguments after `--` only to the test binaries.
cargo_args=()
for arg in "$@"; do
  [[ $arg == -- ]] && break
  cargo_args+=("$arg")
done

# The whole suite, unless the arguments pick targets themselves (`--test help`): cargo's target
# flags add up, so with --all-targets as well everything would run anyway.
targets=(--all-targets)
for arg in "${cargo_args[@]}"; do
  case $arg in
    --lib | --bins | --tests | --benches | --examples | --doc | --all-targets) targets=() ;;
    --bin | --bin=* | --test | --test=* | --bench | --bench=* | --example | --example=*) targets=() ;;
  esac
done

cd "$repo"

clusters=false
if command -v go >/dev/null 2>&1; then
  clusters=true
elif [[ -n $ci ]]; then
  say "error: 'go' is not installed, and CI is set: the real-cluster tests cannot be skipped in CI."
  say "Install Go 1.26 or newer (see tests/realk8s/README.md)."
  exit 1
else
  say "'go' not found: skipping the real Kubernetes clusters; the real-cluster tests will skip."
  say "Install Go 1.26 or newer to run them (see tests/realk8s/README.md)."
fi

# Each long step runs in its own process group (job control on just for the launch), and the
# script waits for it with `wait`, which a trapped signal interrupts. So SIGINT/SIGTERM take
# effect at once: the step's whole group (go build, cargo and its test binaries, kubectl) gets
# SIGTERM, then the EXIT trap stops the clusters. With a plain foreground command bash would run
# the trap only after the command had finished.
child=""
run() {
  set -m
  "$@" &
  child=$!
  set +m
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

# The functions below are called from traps (shellcheck 0.9 cannot see that).
# shellcheck disable=SC2317
on_signal() {
  if [[ -n $child ]]; then
    kill -TERM -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$1"
}
started=false
summary=""
# shellcheck disable=SC2317
on_exit() {
  if $started; then
    local t
    t=$(now)
    "$realk8s/down.sh" "$state" || say "warning: down.sh failed; check $state/pids"
    say "clusters stopped in $(since "$t")"
  fi
  for t in "${timings[@]}"; do
    say "timing: $t"
  done
  # Last, so that it is the run's closing line.
  if [[ -n $summary ]]; then echo "$summary"; fi
}
trap on_exit EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

if $clusters; then
  t=$(now)
  run "$realk8s/build.sh" || { say "error: building the Kubernetes binaries failed"; exit 1; }
  timings+=("build Kubernetes binaries: $(since "$t")")
  # Prow's own kubeconfig loader, the oracle of tests/prow_differential.rs.
  t=$(now)
  run "$repo/tests/prowloader/build.sh" || { say "error: building Prow's loader (tests/prowloader) failed"; exit 1; }
  timings+=("build Prow's loader: $(since "$t")")
  export KUBECTL_PROW_PROWLOADER=${PROWLOADER_BIN:-$repo/target/prowloader}/prowloader
  # Prow's own job-config reader, the oracle of tests/prow_yaml_differential.rs.
  t=$(now)
  run "$repo/tests/prowjobreader/build.sh" || { say "error: building Prow's job reader (tests/prowjobreader) failed"; exit 1; }
  timings+=("build Prow's job reader: $(since "$t")")
  export KUBECTL_PROW_PROWJOBREADER=${PROWJOBREADER_BIN:-$repo/target/prowjobreader}/prowjobreader
  # Prow's own pod construction (decorate.ProwJobToPod), the oracle of
  # tests/check_pods_differential.rs.
  t=$(now)
  run "$repo/tests/podoracle/build.sh" || { say "error: building Prow's pod oracle (tests/podoracle) failed"; exit 1; }
  timings+=("build Prow's pod oracle: $(since "$t")")
  export KUBECTL_PROW_PODORACLE=${PODORACLE_BIN:-$repo/target/podoracle}/podoracle
fi

# The release archives and the real krew tools for tests/krew.rs (they skip without them): only
# under CI or when asked, since a cold static release build takes minutes. Before the clusters
# start, like every build here.
if [[ -n $ci || -n ${KUBECTL_PROW_RELEASE_TESTS:-} ]]; then
  if ! command -v go >/dev/null 2>&1; then
    say "error: building krew needs 'go' (CI or KUBECTL_PROW_RELEASE_TESTS is set)"
    exit 1
  fi
  t=$(now)
  run "$repo/scripts/build-krew.sh" >/dev/null || { say "error: building krew failed"; exit 1; }
  timings+=("build krew tools: $(since "$t")")
  t=$(now)
  # --keep-manifest: the rewritten manifest goes next to the archives, not over the committed one.
  run "$repo/scripts/release.sh" --keep-manifest >/dev/null || { say "error: the release build failed"; exit 1; }
  timings+=("release archives: $(since "$t")")
fi

# Compile the tests before starting the clusters: on a small machine compiling would slow the
# start-up, and the clusters would sit idle during the compile anyway.
t=$(now)
run cargo test "${targets[@]}" --locked --no-run "${cargo_args[@]}"
timings+=("cargo build (tests): $(since "$t")")

if $clusters; then
  # From here on the EXIT trap stops the clusters, however this script ends. SIGKILL cannot be
  # trapped: for that case up.sh starts a watcher that stops them once this process is gone.
  started=true
  t=$(now)
  REALK8S_OWNER_PID=$$ run "$realk8s/up.sh" "$state" || { say "error: starting the clusters failed"; exit 1; }
  timings+=("start clusters: $(since "$t")")
  export KUBECTL_PROW_REALK8S=$state
  export KUBECTL_PROW_KUBECTL=$bin/kubectl
fi

t=$(now)
status=0
log=$repo/target/cargo-test.log
mkdir -p "$repo/target"
# Keep cargo's output (for the summary below) while showing it as it comes. The inner script's
# arguments: the log, how many target flags follow, those flags, then this script's arguments.
run bash -c 'set -o pipefail; cargo test "${@:3:$2}" --locked "${@:$2+3}" 2>&1 | tee "$1"' \
  _ "$log" "${#targets[@]}" "${targets[@]}" "$@" || status=$?
timings+=("cargo test: $(since "$t") (exit status $status)")
# One closing line over every test binary, skips counted by reason.
summary=$("$repo/scripts/test-summary.sh" "$log")
exit "$status"
