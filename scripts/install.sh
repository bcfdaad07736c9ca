#!/usr/bin/env bash
# Builds and installs kubectl-prow onto PATH (cargo's bin directory), then runs
# `kubectl prow contexts` on the example kubeconfig shipped in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo install --locked --path . --root "${CARGO_INSTALL_ROOT:-$HOME/.cargo}"
bin_dir="${CARGO_INSTALL_ROOT:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "note: $bin_dir is not on PATH; add it so kubectl finds the plugin (export PATH=\"$bin_dir:\$PATH\")" >&2
     export PATH="$bin_dir:$PATH" ;;
esac
example=examples/separate-cluster.yaml
if command -v kubectl >/dev/null 2>&1; then
  echo "+ kubectl prow --kubeconfig $example contexts"
  kubectl prow --kubeconfig "$example" contexts
else
  # kubectl runs plugins by name; without kubectl, run the plugin binary itself.
  echo "note: kubectl is not installed; running the plugin directly" >&2
  echo "+ kubectl-prow --kubeconfig $example contexts"
  kubectl-prow --kubeconfig "$example" contexts
fi
