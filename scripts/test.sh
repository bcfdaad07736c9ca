#!/usr/bin/env bash
# The whole test suite (README's test command). Real-cluster parts are added by tests/realk8s.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets --locked "$@"
