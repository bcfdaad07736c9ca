# shellcheck shell=bash
# Helpers shared by up.sh and down.sh. Sourced, not run.
#
# Processes are tracked by PID files that hold "PID STARTTIME", where STARTTIME is field 22 of
# /proc/PID/stat (clock ticks since boot). A PID alone can be reused by an unrelated process after
# ours exits; PID + start time cannot, so down.sh never signals a process it did not start.

# Prints the start time of process $1, or fails if there is no such process.
realk8s_starttime() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Field 2 (comm) is in parentheses and may contain spaces: cut after the last ") ".
  stat=${stat##*) }
  local -a f
  read -r -a f <<<"$stat"
  # f[0] is field 3 (state), so field 22 is f[19].
  [[ -n ${f[19]:-} ]] || return 1
  echo "${f[19]}"
}

# Succeeds if process $1 exists, is not a zombie and started at tick $2.
realk8s_is_ours() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  local -a f
  read -r -a f <<<"$stat"
  # A zombie has exited; it only waits for its parent (maybe init) to reap it.
  [[ ${f[0]} != Z && ${f[19]:-} == "$2" ]]
}

# realk8s_record_pid FILE PID: write "PID STARTTIME" to FILE.
realk8s_record_pid() {
  local start
  start=$(realk8s_starttime "$2") || start=gone
  echo "$2 $start" >"$1"
}

# realk8s_pidfile_alive FILE: succeeds if the process recorded in FILE is still running.
realk8s_pidfile_alive() {
  local pid start
  [[ -f $1 ]] || return 1
  read -r pid start <"$1" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  realk8s_is_ours "$pid" "$start"
}
