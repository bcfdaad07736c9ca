#!/usr/bin/env bash
# Build Prow's kubeconfig loader (main.go) into <repo>/target/prowloader/prowloader, with Prow and its dependencies
# from the Go module proxy (go.mod/go.sum); skipped when the binary is current.
#
# Usage: tests/prowloader/build.sh [--force]
# Environment: PROWLOADER_BIN overrides the output directory.
set -euo pipefail
# shellcheck source=../common/go-oracle.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common/go-oracle.sh"
build_go_oracle prowloader "Prow's kubeconfig loader" "${PROWLOADER_BIN:-}" "$@"
