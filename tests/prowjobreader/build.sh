#!/usr/bin/env bash
# Build Prow's job-config reader (main.go) into <repo>/target/prowjobreader/prowjobreader, with Prow and its dependencies
# from the Go module proxy (go.mod/go.sum); skipped when the binary is current.
#
# Usage: tests/prowjobreader/build.sh [--force]
# Environment: PROWJOBREADER_BIN overrides the output directory.
set -euo pipefail
# shellcheck source=../common/go-oracle.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common/go-oracle.sh"
build_go_oracle prowjobreader "Prow's job-config reader" "${PROWJOBREADER_BIN:-}" "$@"
