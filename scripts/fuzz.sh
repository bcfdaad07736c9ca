#!/usr/bin/env bash
# Runs the cargo-fuzz targets, each for FUZZ_SECONDS (default 60), one process each (the
# machine is shared), with their corpora seeded from ../shared/corpus and tests/fixtures.
#
#   scripts/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=600 scripts/fuzz.sh prow_jobs migrate_jobs
#   FUZZ_MAX_LEN=4096 scripts/fuzz.sh migrate_jobs   # small inputs, many more per second
#   FUZZ_SEEDS=~/src/some-prow-config scripts/fuzz.sh prow_fast_vs_general   # more job seeds
#   FUZZ_TIMEOUT=120 scripts/fuzz.sh ...   # per-input limit in s (default 10); raise it on a loaded machine
#
# FUZZ_SEEDS: a directory of real job files (any Prow deployment's config); its .yaml/.yml
# files seed the job targets too, next to test-infra's in ../shared/corpus.
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`). Findings
# land in fuzz/artifacts/TARGET/; each run's libFuzzer log in fuzz/logs/TARGET.log.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
shared=${SHARED_CORPUS:-$root/../shared/corpus}
seconds=${FUZZ_SECONDS:-60}
if [ -n "${FUZZ_SEEDS:-}" ] && [ ! -d "$FUZZ_SEEDS" ]; then
    echo "FUZZ_SEEDS=$FUZZ_SEEDS is not a directory" >&2
    exit 2
fi
max_len=${FUZZ_MAX_LEN:-65536}
all=(kubeconfig_parse kubeconfig_merge prow_jobs prow_fast_vs_general prow_inrepo migrate_jobs)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Per run, so that two runs (different targets) side by side do not rebuild each other's.
seeds=$root/fuzz/seeds/$$
mkdir -p "$seeds" "$root/fuzz/logs"
trap 'rm -rf "$seeds"' EXIT

# Seed directories, rebuilt each run from what is on disk (libFuzzer reads them, never writes).
seed_kubeconfig() {
    local out=$seeds/kubeconfig
    rm -rf "$out" && mkdir -p "$out"
    local i=0
    while IFS= read -r -d '' f; do
        cp "$f" "$out/$i" && i=$((i + 1))
    done < <(find "$shared/kubeconfig-cases" "$root/tests/fixtures/kubeconfig" \
        -type f ! -name '*.md' ! -name '*.txt' -print0 2>/dev/null)
}

# For the merge target: the files of one case (or fixture set) joined with NUL, the target's
# file separator.
seed_merge() {
    local out=$seeds/merge
    rm -rf "$out" && mkdir -p "$out"
    local i=0 case
    for case in "$shared"/kubeconfig-cases/*/ "$root"/tests/fixtures/kubeconfig/; do
        [ -d "$case" ] || continue
        mapfile -d '' files < <(find "$case" -type f ! -name '*.md' ! -name '*.txt' -print0 | sort -z)
        [ ${#files[@]} -gt 0 ] || continue
        # Sliding windows of up to three files keep each seed a plausible merge.
        local j
        for ((j = 0; j < ${#files[@]}; j++)); do
            { cat "${files[j]}"; [ -n "${files[j + 1]:-}" ] && printf '\0' && cat "${files[j + 1]}"
              [ -n "${files[j + 2]:-}" ] && printf '\0' && cat "${files[j + 2]}"; true; } > "$out/$i"
            i=$((i + 1))
        done
    done
}

seed_prow() {
    local out=$seeds/prow
    rm -rf "$out" && mkdir -p "$out"
    local i=0
    while IFS= read -r -d '' f; do
        cp "$f" "$out/$i" && i=$((i + 1))
    done < <(find "$shared/prow-jobs" "$root/tests/fixtures/prow" "$root/tests/fixtures/lint" \
        "$root/tests/fixtures/migrate" "$root/tests/fixtures/inrepo" ${FUZZ_SEEDS:+"$FUZZ_SEEDS"} \
        -type f \( -name '*.yaml' -o -name '*.yml' \) -print0 2>/dev/null)
}

seed_kubeconfig
seed_merge
seed_prow

cargo +nightly fuzz build -O
bin=$root/fuzz/target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release
failed=()
for t in "${targets[@]}"; do
    case $t in
        kubeconfig_parse) seed=$seeds/kubeconfig dict=kubeconfig ;;
        kubeconfig_merge) seed=$seeds/merge dict=kubeconfig ;;
        prow_jobs | prow_fast_vs_general | prow_inrepo | migrate_jobs) seed=$seeds/prow dict=prow ;;
        *) echo "unknown target $t (known: ${all[*]})" >&2; exit 2 ;;
    esac
    mkdir -p "$root/fuzz/corpus/$t" "$root/fuzz/artifacts/$t"
    echo "== $t: ${seconds}s"
    # -max_len (FUZZ_MAX_LEN): the largest real job files are ~200 KB; 64 KB keeps executions
    # fast while still covering whole multi-job files. -timeout catches hangs, -rss_limit_mb blow-ups.
    # The binary itself, not `cargo fuzz run`: after a crash that one rebuilds the whole tree
    # in another configuration to print the input, which takes longer than the run.
    "$bin/$t" "$root/fuzz/corpus/$t" "$seed" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
        -dict="$root/fuzz/dict/$dict.dict" -print_final_stats=1 \
        -artifact_prefix="$root/fuzz/artifacts/$t/" > "$root/fuzz/logs/$t.log" 2>&1 \
        || failed+=("$t")
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss)|panicked|ERROR|SUMMARY' \
        "$root/fuzz/logs/$t.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "findings in: ${failed[*]} (see fuzz/artifacts/ and fuzz/logs/)" >&2
    exit 1
fi
