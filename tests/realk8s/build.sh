#!/usr/bin/env bash
# Build kube-apiserver, kube-controller-manager, kubectl and the test etcd into
# <repo>/target/realk8s/bin/, from the pinned module in this directory (go.mod/go.sum).
#
# Skips the build when the binaries are current: a stamp file records a hash of everything that
# decides their content (go.mod, go.sum, the etcd sources, this script, the Go version).
#
# Usage: tests/realk8s/build.sh [--force]
# Environment: REALK8S_BIN overrides the output directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${REALK8S_BIN:-$repo/target/realk8s/bin}
stamp=$bin/.build-stamp

# Kept in step with go.mod: the version ldflags must name the release that is built.
k8s_version=v1.37.2
k8s_major=1
k8s_minor=37
binaries=(kube-apiserver kube-controller-manager kubectl etcd)

die() { echo "realk8s build: error: $*" >&2; exit 1; }

force=false
case "${1:-}" in
  "") ;;
  --force) force=true ;;
  *) die "unknown argument '$1' (usage: build.sh [--force])" ;;
esac

command -v go >/dev/null 2>&1 || die "'go' not found in PATH; install Go 1.26 or newer (see tests/realk8s/README.md)"
command -v sha256sum >/dev/null 2>&1 || die "'sha256sum' not found (coreutils)"

# GOTOOLCHAIN=local (the machine's setting) makes an old Go fail clearly instead of downloading one.
go_version=$(go env GOVERSION) || die "'go env GOVERSION' failed"

# Guard against a go.mod that moved without this script (the ldflags would then lie).
grep -q "^[[:space:]]*k8s.io/kubernetes $k8s_version\$" "$here/go.mod" \
  || die "go.mod does not require k8s.io/kubernetes $k8s_version; update k8s_version/k8s_minor in build.sh too"

key=$(
  cd "$here"
  {
    echo "go=$go_version"
    sha256sum go.mod go.sum build.sh
    find etcd -type f -name '*.go' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
)

current=true
for b in "${binaries[@]}"; do
  [[ -x $bin/$b ]] || current=false
done
if ! $force && $current && [[ -f $stamp && $(cat "$stamp") == "$key" ]]; then
  echo "realk8s build: binaries in $bin are current (Kubernetes $k8s_version, $go_version); skipping"
  exit 0
fi

mkdir -p "$bin"
# One Go build at a time: two concurrent builds of Kubernetes on a small machine thrash it.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$bin/.build.lock"
  flock 9
fi

# The variables upstream's hack/lib/version.sh sets, in both version packages. Without them the
# server reports v0.0.0-master on /version and kubectl warns about skew. A fixed build date keeps
# the link reproducible, so Go's cache can reuse it.
ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=$k8s_version -X $p.gitMajor=$k8s_major -X $p.gitMinor=$k8s_minor"
  ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

echo "realk8s build: building Kubernetes $k8s_version (${binaries[*]}) with $go_version into $bin"
echo "realk8s build: a cold build takes several minutes on 2 cores; later runs reuse Go's cache"
rm -f "$stamp"
start=$SECONDS
# -mod=readonly: the build must never rewrite go.mod/go.sum; a mismatch is an error to fix by hand.
if ! (cd "$here" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "$ldflags" -o "$bin/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kubectl \
  ./etcd); then
  die "go build failed (see the output above). Check: 'go version' is at least the 'go' line of tests/realk8s/go.mod; the module proxy is reachable ('go env GOPROXY'); go.mod/go.sum were not edited by 'go mod tidy'"
fi

for b in "${binaries[@]}"; do
  [[ -x $bin/$b ]] || die "go build succeeded but $bin/$b is missing"
done
got=$("$bin/kubectl" version --client -o json 2>/dev/null | grep -o '"gitVersion": *"[^"]*"' | head -n1 || true)
[[ $got == *"\"$k8s_version\"" ]] || die "built kubectl reports '$got', expected gitVersion $k8s_version (version ldflags not applied?)"

echo "$key" >"$stamp"
echo "realk8s build: done in $((SECONDS - start)) s"
