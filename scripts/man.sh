#!/usr/bin/env bash
# Regenerates man/ from the CLI definition (clap_mangen, through the hidden
# `kubectl-prow __man DIR`): one page for the command and one per subcommand. tests/man.rs fails
# when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --bin kubectl-prow
bin=${CARGO_TARGET_DIR:-target}/debug/kubectl-prow
# Start empty, so a page of a removed subcommand does not linger.
rm -rf man
"$bin" __man man
echo "man/ regenerated: $(ls man | wc -l) pages" >&2
