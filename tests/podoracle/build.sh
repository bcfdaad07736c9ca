#!/usr/bin/env bash
# Build Prow's pod-building oracle (main.go) into <repo>/target/podoracle/podoracle, with
# Prow and its dependencies from the Go module proxy (go.mod/go.sum).
#
# Skips the build when the binary is current: a stamp file records a hash of go.mod, go.sum,
# the Go files, this script and the Go version.
#
# Usage: tests/podoracle/build.sh [--force]
# Environment: PODORACLE_BIN overrides the output directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${PODORACLE_BIN:-$repo/target/podoracle}
stamp=$bin/.build-stamp

die() { echo "podoracle build: error: $*" >&2; exit 1; }

force=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  *) die "unknown argument '$1' (usage: build.sh [--force])" ;;
esac

command -v go >/dev/null 2>&1 || die "'go' not found in PATH; install Go 1.26 or newer"
command -v sha256sum >/dev/null 2>&1 || die "'sha256sum' not found (coreutils)"
go_version=$(go env GOVERSION) || die "'go env GOVERSION' failed"

key=$(cd "$here" && { echo "go=$go_version"; sha256sum go.mod go.sum ./*.go build.sh; } | sha256sum | cut -d' ' -f1)
if ! $force && [[ -x $bin/podoracle && -f $stamp && $(cat "$stamp") == "$key" ]]; then
  echo "podoracle build: $bin/podoracle is current ($go_version); skipping"
  exit 0
fi

mkdir -p "$bin"
# One Go build at a time (tests/realk8s/build.sh may run next to it on a small machine).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$bin/.build.lock"
  flock 9
fi

echo "podoracle build: building Prow's pod oracle with $go_version into $bin (a cold build takes a few minutes)"
rm -f "$stamp"
start=$SECONDS
# -mod=readonly: the build must never rewrite go.mod/go.sum.
(cd "$here" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "-s -w" -o "$bin/podoracle" .) \
  || die "go build failed (see above); check that the module proxy is reachable ('go env GOPROXY')"
echo "$key" >"$stamp"
echo "podoracle build: done in $((SECONDS - start)) s"
