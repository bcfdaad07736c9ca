#!/usr/bin/env bash
# The closing line of scripts/test.sh, from the output of `cargo test` (LOG):
#   tests: 237 passed, 0 failed, 34 skipped (no ../shared/corpus: 28; ...)
# Passed and failed are summed over cargo's "test result:" lines, one per test binary. A skipped
# test reports `ok` to libtest, which has no such result, and prints `SKIP: <test>: <reason>`
# (tests/common/mod.rs, skip) on the way: those are counted as skipped, not passed, and grouped
# by reason, the most frequent first. The marker may land mid-line, amid libtest's own output
# of tests running in parallel.
#
# Usage: scripts/test-summary.sh LOG
set -euo pipefail
awk '
/^test result:/ {
  for (i = 1; i <= NF; i++) {
    if ($(i+1) ~ /^passed;?$/) passed += $i
    if ($(i+1) ~ /^failed;?$/) failed += $i
  }
}
{
  at = index($0, "SKIP: ")
  if (at) {
    rest = substr($0, at + 6)
    colon = index(rest, ": ")
    if (colon) {
      reason = substr(rest, colon + 2)
      if (!(reason in count)) reasons[++kinds] = reason
      count[reason]++
      skipped++
    }
  }
}
END {
  printf "tests: %d passed, %d failed, %d skipped", passed - skipped, failed, skipped
  if (skipped) {
    # Most frequent first (a selection sort: POSIX awk has no sort); ties in order of appearance.
    for (i = 1; i <= kinds; i++)
      for (j = i + 1; j <= kinds; j++)
        if (count[reasons[j]] > count[reasons[i]]) { t = reasons[i]; reasons[i] = reasons[j]; reasons[j] = t }
    printf " ("
    for (i = 1; i <= kinds; i++) printf "%s%s: %d", (i > 1 ? "; " : ""), reasons[i], count[reasons[i]]
    printf ")"
  }
  printf "\n"
}' "$1"
