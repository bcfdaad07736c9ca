#!/usr/bin/env bash
# Build Prow's pod construction (main.go) into <repo>/target/podoracle/podoracle, with Prow and its dependencies
# from the Go module proxy (go.mod/go.sum); skipped when the binary is current.
#
# Usage: tests/podoracle/build.sh [--force]
# Environment: PODORACLE_BIN overrides the output directory.
set -euo pipefail
# shellcheck source=../common/go-oracle.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common/go-oracle.sh"
build_go_oracle podoracle "Prow's pod construction" "${PODORACLE_BIN:-}" "$@"
