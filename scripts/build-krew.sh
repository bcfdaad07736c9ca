#!/usr/bin/env bash
# Builds the real krew tools, `krew` and `validate-krew-manifest` (what krew-index's CI runs on
# every manifest), from the Go module proxy into target/peers/bin (git-ignored), once per
# version. tests/krew.rs validates krew-manifest.yaml with them and installs the release archive
# with real krew. Prints the bin directory.
#
# Environment: KREW_VERSION (default v0.4.3, the proxy's latest).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=${KREW_VERSION:-v0.4.3}
bin=${CARGO_TARGET_DIR:-$repo/target}/peers/bin
# The stamp names the version, so a new KREW_VERSION rebuilds.
stamp=$bin/.krew-$version
if [[ -x $bin/krew && -x $bin/validate-krew-manifest && -e $stamp ]]; then
  echo "$bin"
  exit 0
fi
mkdir -p "$bin"
rm -f "$bin"/.krew-*
export GOBIN=$bin GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
for cmd in krew validate-krew-manifest; do
  go install "sigs.k8s.io/krew/cmd/$cmd@$version" >&2
done
touch "$stamp"
echo "$bin"
