#!/usr/bin/env bash
# Stop the processes up.sh started for STATE_DIR, by the PIDs it recorded (never by name).
# Idempotent: stopping an already stopped (or never started) state directory succeeds.
#
# Usage:
#   tests/realk8s/down.sh [STATE_DIR]                     (default <repo>/target/realk8s/run)
#   tests/realk8s/down.sh --after-exit-of PID STATE_DIR   (used by up.sh: wait until process PID
#                                                         exits, then stop; a guard for a test
#                                                         runner killed with SIGKILL, whose
#                                                         trap cannot run)
# Environment: REALK8S_STOP_TIMEOUT (seconds to wait after SIGTERM before SIGKILL, default 30).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/realk8s/lib.sh
source "$here/lib.sh"

stop_timeout=${REALK8S_STOP_TIMEOUT:-30}

log() { echo "realk8s down: $*" >&2; }

after_exit_of=""
if [[ ${1:-} == --after-exit-of ]]; then
  [[ $# -eq 3 ]] || { log "usage: down.sh --after-exit-of PID STATE_DIR"; exit 2; }
  after_exit_of=$2
  state=$3
else
  [[ $# -le 1 ]] || { log "usage: down.sh [STATE_DIR]"; exit 2; }
  state=${1:-$repo/target/realk8s/run}
fi

if [[ ! -d $state/pids ]]; then
  log "nothing to stop in $state"
  exit 0
fi
pids=$state/pids

if [[ -n $after_exit_of ]]; then
  owner_start=$(realk8s_starttime "$after_exit_of") || owner_start=gone
  while realk8s_is_ours "$after_exit_of" "$owner_start"; do
    sleep 1
  done
  log "process $after_exit_of exited; stopping the clusters in $state"
  # This process is the watcher: it must not try to stop itself.
  rm -f "$pids/watcher.pid"
fi

# stop_all NAME...: SIGTERM every live recorded process among NAME, wait, then SIGKILL leftovers.
stop_all() {
  local name file pid start
  local -a live=()
  for name in "$@"; do
    file=$pids/$name.pid
    [[ -f $file ]] || continue
    if realk8s_pidfile_alive "$file"; then
      read -r pid start <"$file"
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$name")
    else
      rm -f "$file"
    fi
  done
  [[ ${#live[@]} -gt 0 ]] || return 0
  signalled=true
  log "sent SIGTERM to ${live[*]}"

  local deadline=$((SECONDS + stop_timeout)) left
  while :; do
    left=()
    for name in "${live[@]}"; do
      realk8s_pidfile_alive "$pids/$name.pid" && left+=("$name")
    done
    [[ ${#left[@]} -gt 0 ]] || break
    if ((SECONDS >= deadline)); then
      log "still running after ${stop_timeout}s, sending SIGKILL: ${left[*]}"
      for name in "${left[@]}"; do
        read -r pid start <"$pids/$name.pid"
        kill -KILL "$pid" 2>/dev/null || true
      done
      deadline=$((SECONDS + 10))
      while ((SECONDS < deadline)); do
        left=()
        for name in "${live[@]}"; do
          realk8s_pidfile_alive "$pids/$name.pid" && left+=("$name")
        done
        [[ ${#left[@]} -gt 0 ]] || break
        sleep 0.2
      done
      if [[ ${#left[@]} -gt 0 ]]; then
        log "error: could not stop ${left[*]}"
        return 1
      fi
      break
    fi
    sleep 0.2
  done
  for name in "${live[@]}"; do
    rm -f "$pids/$name.pid"
  done
}

# Clients first (controller managers), then the API servers, etcd last: an API server that loses
# etcd first spends its shutdown retrying. The watcher goes last so that a down.sh run by hand
# cannot race with it.
rc=0
signalled=false
stop_all service-kcm build-kcm || rc=1
stop_all service-apiserver build-apiserver || rc=1
stop_all etcd || rc=1
stop_all watcher || rc=1

# Anything else recorded (a component added later and forgotten above) is still stopped.
shopt -s nullglob
for file in "$pids"/*.pid; do
  name=$(basename "$file" .pid)
  stop_all "$name" || rc=1
done

if ((rc == 0)); then
  if $signalled; then
    log "stopped (state kept in $state)"
  else
    log "nothing was running for $state"
  fi
fi
exit "$rc"
