#!/usr/bin/env bash
# Builds Prow's real `checkconfig` from the Go module proxy into target/peers/bin (git-ignored),
# as /work/shared/reference/real-peers.md describes: a throwaway module of its own, with
# golang.org/x/tools upgraded (the version Prow pins does not compile with current Go).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/target/peers"
if [[ -x "$out/bin/checkconfig" ]]; then
  echo "$out/bin/checkconfig"
  exit 0
fi
mkdir -p "$out/checkconfig-module" "$out/bin"
cd "$out/checkconfig-module"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false
[[ -f go.mod ]] || go mod init kubectl-prow.invalid/peers/checkconfig >&2
go get sigs.k8s.io/prow/cmd/checkconfig@latest >&2
go get golang.org/x/tools@latest >&2
go build -o "$out/bin/checkconfig" sigs.k8s.io/prow/cmd/checkconfig >&2
echo "$out/bin/checkconfig"
