#!/usr/bin/env bash
# Job-config loading, measured side by side in ONE run on the same files:
#   (a) kubectl-prow's loader (`jobs -o json`), and `lint -o json` (every check) as ours-lint,
#   (b) PyYAML's C loader (yaml.CSafeLoader) only parsing the same files (no job logic),
#   (c) Prow's own `checkconfig` (built from the Go module proxy by build-checkconfig.sh),
#       when it can be built; set CHECKCONFIG=skip to leave it out.
# Each command runs RUNS times (default 15), interleaved round-robin after one warm-up run
# each, as its own process. Printed: median / min / max wall time, median peak RSS (from
# wait4's rusage, the figure /usr/bin/time -v reports), and ratios to ours from the same run.
#
# Usage: bench/jobs.sh [CORPUS_DIR]   (default: ../shared/corpus/prow-jobs/test-infra)
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS="${1:-../shared/corpus/prow-jobs/test-infra}"
CONFIG="$CORPUS/config/prow/config.yaml"
JOBS="$CORPUS/config/jobs"
RUNS="${RUNS:-15}"

# The command measured as "ours": the whole `kubectl prow jobs` pipeline (read the Prow config
# and job files, resolve every job against the loaded contexts, render JSON). OURS can name
# another command, e.g. the library alone: target/release/examples/load_jobs --config-path ...
KUBECONFIG_FILE="${KUBECONFIG_FILE:-bench/test-infra-kubeconfig.yaml}"
OURS="${OURS:-target/release/kubectl-prow --kubeconfig $KUBECONFIG_FILE --config-path $CONFIG --job-config-path $JOBS jobs -o json}"
OURS_LINT="${OURS_LINT:-target/release/kubectl-prow --kubeconfig $KUBECONFIG_FILE --config-path $CONFIG --job-config-path $JOBS lint -o json}"
OURS_BUILD="${OURS_BUILD:-cargo build --release --locked}"

if [[ ! -d "$CORPUS" ]]; then
  echo "corpus not found: $CORPUS" >&2
  exit 1
fi

echo "== building ours: $OURS_BUILD" >&2
$OURS_BUILD >&2

CHECKCONFIG_CMD=""
if [[ "${CHECKCONFIG:-}" != "skip" ]]; then
  echo "== building Prow's checkconfig (first time: a few minutes)" >&2
  if bin=$(bench/build-checkconfig.sh); then
    CHECKCONFIG_CMD="$bin --config-path $CONFIG --job-config-path $JOBS"
  else
    echo "checkconfig could not be built; measuring without it" >&2
  fi
fi

export OURS OURS_LINT CONFIG JOBS RUNS CHECKCONFIG_CMD
exec python3 - <<'PY'
import json, os, shlex, statistics, subprocess, sys, time

runs = int(os.environ["RUNS"])
config, jobs = os.environ["CONFIG"], os.environ["JOBS"]
here = os.getcwd()

# PyYAML: the same files, found with the same rules as tests/prow_jobs_count.py, parsed only.
pyyaml = [sys.executable, "-c", f"""
import sys, gzip
sys.path.insert(0, {os.path.join(here, 'tests')!r})
import yaml, prow_jobs_count as p
files = [{config!r}] + p.discover({jobs!r})
for f in files:
    b = open(f, 'rb').read()
    if b[:2] == b'\\x1f\\x8b':
        b = gzip.decompress(b)
    for _ in yaml.load_all(b, Loader=yaml.CSafeLoader):
        pass
print(len(files), 'files', file=sys.stderr)
"""]

cmds = {"ours": shlex.split(os.environ["OURS"]), "ours-lint": shlex.split(os.environ["OURS_LINT"]),
        "pyyaml-c": pyyaml}
if os.environ.get("CHECKCONFIG_CMD"):
    cmds["checkconfig"] = shlex.split(os.environ["CHECKCONFIG_CMD"])

def run(argv):
    t0 = time.perf_counter()
    p = subprocess.run(argv, capture_output=True)
    return time.perf_counter() - t0, p.returncode, p.stdout, p.stderr

def run_rusage(argv):
    # wait4 gives the child's own peak RSS (ru_maxrss, KiB on Linux).
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ,
                          file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                        (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    return wall, os.waitstatus_to_exitcode(status), ru.ru_maxrss, ru.ru_utime + ru.ru_stime

# Warm-up (file cache), and a look at what each prints.
for name, argv in cmds.items():
    wall, rc, out, err = run(argv)
    print(f"warm-up {name}: rc={rc} {wall:.3f}s", file=sys.stderr)
    if name == "ours":
        try:
            print("ours:", json.dumps(json.loads(out)["jobs"]), file=sys.stderr)
        except Exception:
            print(out[:300].decode(errors="replace"), file=sys.stderr)

results = {n: [] for n in cmds}
for i in range(runs):
    for name, argv in cmds.items():
        results[name].append(run_rusage(argv))

load = os.getloadavg()[0]
print(f"\n{runs} runs each, interleaved; corpus {os.path.dirname(os.path.dirname(jobs))}; "
      f"{os.cpu_count()} CPUs, load average {load:.2f} at the end")
print(f"{'command':12s} {'median':>9s} {'min':>9s} {'max':>9s} {'cpu(med)':>9s} {'peak RSS':>10s}  rc")
med, cpu_med = {}, {}
for name, rs in results.items():
    walls = [r[0] for r in rs]
    med[name] = statistics.median(walls)
    rss = statistics.median(r[2] for r in rs) / 1024
    cpu = cpu_med[name] = statistics.median(r[3] for r in rs)
    rcs = sorted({r[1] for r in rs})
    print(f"{name:12s} {med[name]:8.3f}s {min(walls):8.3f}s {max(walls):8.3f}s {cpu:8.3f}s {rss:8.1f}MiB  {rcs}")
print()
ours_names = ("ours", "ours-lint")
for name in med:
    for ours in ours_names:
        if name not in ours_names:
            print(f"{name} / {ours} = {med[name] / med[ours]:.1f}x wall (median), "
                  f"{cpu_med[name] / cpu_med[ours]:.1f}x CPU (median user+sys)")
# Issue 29's target: 20x each peer, same run, for jobs and lint.
for ours in ours_names:
    for peer in ("pyyaml-c", "checkconfig"):
        if peer not in med:
            continue
        r = med[peer] / med[ours]
        if r >= 20:
            print(f"target met: {peer} takes {r:.2f}x as long as {ours} (>= 20x)")
        else:
            print(f"TARGET NOT MET: {peer} takes only {r:.2f}x as long as {ours} (< 20x)")
PY
