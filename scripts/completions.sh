#!/usr/bin/env bash
# Regenerates completions/ from the CLI definition: the scripts `kubectl-prow completion SHELL`
# prints for bash, zsh, fish and PowerShell, and the kubectl_complete-prow helper kubectl runs
# for `kubectl prow <TAB>`. tests/completion.rs fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --bin kubectl-prow
bin=${CARGO_TARGET_DIR:-target}/debug/kubectl-prow
mkdir -p completions
"$bin" completion bash >completions/kubectl-prow.bash
"$bin" completion zsh >completions/_kubectl-prow
"$bin" completion fish >completions/kubectl-prow.fish
"$bin" completion powershell >completions/_kubectl-prow.ps1
"$bin" completion kubectl >completions/kubectl_complete-prow
chmod 0755 completions/kubectl_complete-prow
echo "completions/ regenerated" >&2
