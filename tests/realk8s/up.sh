#!/usr/bin/env bash
# Start two real Kubernetes control planes on 127.0.0.1, "service" and "build", load the RBAC
# fixtures and write the kubeconfigs and env file the tests use. See README.md for the layout.
#
#   one etcd (two key prefixes: /registry-service, /registry-build)
#   service: kube-apiserver + kube-controller-manager   (ProwJob CRD, namespaces prow, other)
#   build:   kube-apiserver + kube-controller-manager   (namespaces test-pods, other)
#
# Usage: tests/realk8s/up.sh [STATE_DIR]      (default <repo>/target/realk8s/run)
# The state directory is wiped and recreated (fresh PKI, tokens and etcd data) on every start.
#
# Environment:
#   REALK8S_BIN            directory with the binaries (default <repo>/target/realk8s/bin; build.sh)
#   REALK8S_START_TIMEOUT  seconds to wait for each readiness step (default 120)
#   REALK8S_OWNER_PID      if set, a watcher stops the clusters once this process exits, even if
#                          it is killed with SIGKILL and its own cleanup cannot run (scripts/test.sh)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/realk8s/lib.sh
source "$here/lib.sh"

bin=${REALK8S_BIN:-$repo/target/realk8s/bin}
timeout=${REALK8S_START_TIMEOUT:-120}
owner_pid=${REALK8S_OWNER_PID:-}
state=${1:-$repo/target/realk8s/run}
clusters=(service build)

t0=$EPOCHREALTIME
elapsed() { awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1fs", b - a }'; }
log() { echo "realk8s up: [$(elapsed)] $*" >&2; }
die() { echo "realk8s up: error: $*" >&2; exit 1; }

[[ $# -le 1 ]] || die "usage: up.sh [STATE_DIR]"
for tool in openssl curl base64 awk; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found in PATH (Debian/Ubuntu: apt-get install openssl curl coreutils gawk)"
done
for b in etcd kube-apiserver kube-controller-manager kubectl; do
  [[ -x $bin/$b ]] || die "$bin/$b is missing; run tests/realk8s/build.sh first"
done
[[ $timeout =~ ^[0-9]+$ ]] || die "REALK8S_START_TIMEOUT must be a number of seconds"

# The env file is KEY=VALUE without quoting, so that shells and the Rust tests parse it the same
# way; refuse paths that would need quoting.
mkdir -p "$state"
state=$(cd "$state" && pwd)
[[ $state =~ ^[A-Za-z0-9_./+@%,:-]+$ ]] || die "state directory '$state' must not contain spaces or shell metacharacters"
[[ $bin =~ ^[A-Za-z0-9_./+@%,:-]+$ ]] || die "binary directory '$bin' must not contain spaces or shell metacharacters"
bin=$(cd "$bin" && pwd)

# Only ever wipe a directory that up.sh created (it carries a marker), never an arbitrary one.
marker=$state/.realk8s-state
if [[ -e $marker ]]; then
  "$here/down.sh" "$state" || die "could not stop the processes still running from $state"
  find "$state" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
elif [[ -n $(ls -A "$state") ]]; then
  die "$state is not empty and was not created by up.sh; refusing to wipe it"
fi
touch "$marker"
umask 077 # keys, tokens and kubeconfigs: owner only
mkdir -p "$state"/{pids,logs,etcd-data,kubectl-cache} \
  "$state"/kubeconfigs/{split,merged,credentials,collide-context,collide-names}

# Direct children of this script that are still running. A trap can run between `cmd &` and the
# command that records its PID, so after a signal a component may be running unrecorded; as
# long as this script lives it is still our child, which identifies it exactly (by PID).
live_children() { # sets kids
  local p line ppid_state
  kids=()
  for p in /proc/[0-9]*; do
    read -r line <"$p/stat" 2>/dev/null || continue
    ppid_state=${line##*) }
    read -r -a ppid_state <<<"$ppid_state"
    [[ ${ppid_state[1]} == "$$" && ${ppid_state[0]} != Z ]] && kids+=("${p#/proc/}")
  done
  [[ ${#kids[@]} -gt 0 ]]
}
stop_children() {
  local kids i
  live_children || return 0
  kill -TERM "${kids[@]}" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    live_children || return 0
    sleep 0.1
  done
  echo "realk8s up: killing unrecorded children that ignored SIGTERM: ${kids[*]}" >&2
  kill -KILL "${kids[@]}" 2>/dev/null || true
}

ok=false
on_exit() {
  if ! $ok; then
    echo "realk8s up: start-up failed; stopping what was started (logs kept in $state/logs)" >&2
    "$here/down.sh" "$state" || true
    stop_children
  fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Ports. Picked at random below the kernel's ephemeral range (so outgoing connections cannot take
# them), skipping any port that appears in /proc/net/tcp{,6} in any state. A port can still be
# taken between the check and the bind; a component that then fails with "address already in use"
# is restarted on fresh ports (start_with_retry).
read -r eph_low eph_high </proc/sys/net/ipv4/ip_local_port_range || { eph_low=32768 eph_high=60999; }
if ((eph_low > 16000)); then
  port_min=15000 port_max=$((eph_low - 1))
else
  port_min=$((eph_high + 1)) port_max=65000
fi
picked=" "
port_taken() {
  local hex
  hex=$(printf '%04X' "$1")
  grep -qs ":$hex " /proc/net/tcp /proc/net/tcp6
}
pick_port() { # sets REPLY
  local p i
  for ((i = 0; i < 500; i++)); do
    p=$((port_min + (RANDOM * 32768 + RANDOM) % (port_max - port_min + 1)))
    [[ $picked == *" $p "* ]] && continue
    port_taken "$p" && continue
    picked+="$p "
    REPLY=$p
    return 0
  done
  die "no free port found in $port_min-$port_max"
}

# ---------------------------------------------------------------------------------------------
# Processes.
start() { # start NAME CMD...: run CMD in the background, log to logs/NAME.log, record its PID
  local name=$1
  shift
  "$@" </dev/null >"$state/logs/$name.log" 2>&1 &
  realk8s_record_pid "$state/pids/$name.pid" "$!"
}

show_log() {
  local logfile=$state/logs/$1.log
  echo "---- last 40 lines of $logfile ----" >&2
  tail -n 40 "$logfile" >&2 || true
  echo "---- end of $logfile ----" >&2
}

# await NAME WHAT CMD...: poll CMD until it succeeds. Returns 1 if process NAME exits first,
# 2 on timeout.
await() {
  local name=$1 what=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! realk8s_pidfile_alive "$state/pids/$name.pid"; then
      echo "realk8s up: $name exited while waiting for $what" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "realk8s up: timed out after ${timeout}s waiting for $what" >&2
      return 2
    fi
    sleep 0.2
  done
}

# await_or_die NAME WHAT CMD...: like await, but show the component's log and fail.
await_or_die() {
  local name=$1 what=$2
  await "$@" || {
    show_log "$name"
    die "$what: not ready"
  }
}

port_conflict() { grep -qs 'address already in use' "$state/logs/$1.log"; }

# ---------------------------------------------------------------------------------------------
# PKI: one CA per cluster (so a client certificate of one cluster is worthless on the other), a
# serving certificate with the SANs clients use, a ServiceAccount signing key pair, and the
# client certificates of the certificate users.
ossl() { # openssl, quiet unless it fails
  local out
  out=$(openssl "$@" 2>&1) || {
    echo "$out" >&2
    die "openssl $1 failed"
  }
}

make_pki() {
  local c=$1 pki=$state/$1/pki
  mkdir -p "$pki"
  ossl genrsa -out "$pki/ca.key" 2048
  ossl req -x509 -new -nodes -key "$pki/ca.key" -sha256 -days 30 \
    -subj "/CN=realk8s-$c-ca" -out "$pki/ca.crt"
  ossl genrsa -out "$pki/apiserver.key" 2048
  ossl req -new -key "$pki/apiserver.key" -subj "/CN=kube-apiserver" -out "$pki/apiserver.csr"
  # 10.0.0.1 is the in-cluster `kubernetes` Service (first address of --service-cluster-ip-range).
  cat >"$pki/apiserver.ext" <<'EOF'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
EOF
  ossl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -sha256 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt"
  ossl genrsa -out "$pki/sa.key" 2048
  ossl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"
}

# client_cert CLUSTER NAME SUBJECT: CN is the user name, each O= a group.
client_cert() {
  local pki=$state/$1/pki
  ossl genrsa -out "$pki/$2.key" 2048
  ossl req -new -key "$pki/$2.key" -subj "$3" -out "$pki/$2.csr"
  printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
    'extendedKeyUsage=clientAuth' >"$pki/client.ext"
  ossl x509 -req -in "$pki/$2.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -sha256 -extfile "$pki/client.ext" -out "$pki/$2.crt"
}

new_token() { openssl rand -hex 24; }

log "state directory $state"
for c in "${clusters[@]}"; do
  make_pki "$c"
done
client_cert build sinker "/CN=sinker/O=prow:sinkers"
client_cert service hook "/CN=hook"

# Static token users: token,user,uid[,"groups"] (kube-apiserver --token-auth-file).
declare -A token
for c in "${clusters[@]}"; do
  token[$c-admin]=$(new_token)
  token[$c-kcm]=$(new_token)
  token[$c-nobody]=$(new_token)
  {
    echo "${token[$c-admin]},admin,uid-admin,\"system:masters\""
    echo "${token[$c-kcm]},system:kube-controller-manager,uid-kcm"
    echo "${token[$c-nobody]},nobody,uid-nobody"
  } >"$state/$c/tokens.csv"
done
for u in wrongns viewer; do
  token[build-$u]=$(new_token)
  echo "${token[build-$u]},$u,uid-$u" >>"$state/build/tokens.csv"
done
token[service-deck]=$(new_token)
echo "${token[service-deck]},deck,uid-deck" >>"$state/service/tokens.csv"
log "PKI and static tokens written"

# ---------------------------------------------------------------------------------------------
# etcd: one process, one key prefix per cluster (--etcd-prefix). Each API server only sees its own
# prefix, so the clusters share nothing but the process; one etcd instead of two saves memory.
# -unsafe-no-fsync: the data is thrown away after the run, and fsync is slow on a busy disk.
declare -A port
start_etcd() {
  pick_port
  port[etcd]=$REPLY
  pick_port
  port[etcd-peer]=$REPLY
  rm -rf "$state/etcd-data"
  start etcd "$bin/etcd" -data-dir "$state/etcd-data" \
    -listen-client-url "http://127.0.0.1:${port[etcd]}" \
    -listen-peer-url "http://127.0.0.1:${port[etcd-peer]}" \
    -unsafe-no-fsync
}
etcd_healthy() { curl -fsS --max-time 2 "http://127.0.0.1:${port[etcd]}/health"; }

start_apiserver() {
  local c=$1 pki=$state/$1/pki
  pick_port
  port[$c]=$REPLY
  start "$c-apiserver" "$bin/kube-apiserver" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="${port[$c]}" \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --etcd-servers="http://127.0.0.1:${port[etcd]}" --etcd-prefix="/registry-$c" \
    --authorization-mode=Node,RBAC \
    --token-auth-file="$state/$c/tokens.csv" \
    --service-account-key-file="$pki/sa.pub" \
    --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range=10.0.0.0/24 \
    --endpoint-reconciler-type=none \
    --profiling=false
}
apiserver_ready() { curl -fsS --max-time 2 --cacert "$state/$1/pki/ca.crt" "https://127.0.0.1:${port[$1]}/readyz"; }

# start_with_retry NAME WHAT START_FN START_ARG READY_CMD...: wait for the component START_FN
# started; on a port conflict, run START_FN START_ARG again (it picks new ports).
start_with_retry() {
  local name=$1 what=$2 start_fn=$3 start_arg=$4
  shift 4
  local attempt rc
  for attempt in 1 2 3 4 5; do
    rc=0
    await "$name" "$what" "$@" || rc=$?
    ((rc != 0)) || return 0
    if ((rc == 1)) && port_conflict "$name" && ((attempt < 5)); then
      log "$name: port taken by someone else, retrying on other ports"
      "$start_fn" "$start_arg"
      continue
    fi
    show_log "$name"
    die "$what: not ready"
  done
}

start_etcd
start_with_retry etcd "etcd /health" start_etcd "" etcd_healthy
log "etcd ready on 127.0.0.1:${port[etcd]}"

# Both API servers start at once: start-up is mostly waiting on post-start hooks.
for c in "${clusters[@]}"; do
  start_apiserver "$c"
done
for c in "${clusters[@]}"; do
  start_with_retry "$c-apiserver" "$c kube-apiserver /readyz" start_apiserver "$c" apiserver_ready "$c"
  log "$c kube-apiserver ready on https://127.0.0.1:${port[$c]}"
done

# ---------------------------------------------------------------------------------------------
# Kubeconfigs are written as YAML by hand: `kubectl config set-credentials` would turn the
# relative certificate paths into absolute ones, and the relative form is what is being tested.
server() { echo "https://127.0.0.1:${port[$1]}"; }
b64file() { base64 -w0 <"$1"; }

# Buffers for the kubeconfig being written (kc_*) and for merged/all.yaml (all_*).
kc_reset() { kc_clusters="" kc_users="" kc_contexts=""; }
add() { # add KIND TEXT: append to the current file and, when in_all, to all.yaml
  case $1 in
    clusters) kc_clusters+=$2 ;;
    users) kc_users+=$2 ;;
    contexts) kc_contexts+=$2 ;;
  esac
  if $in_all; then
    case $1 in
      clusters) all_clusters+=$2 ;;
      users) all_users+=$2 ;;
      contexts) all_contexts+=$2 ;;
    esac
  fi
}
cluster_data() { # NAME CLUSTER
  add clusters "- name: $1
  cluster:
    server: $(server "$2")
    certificate-authority-data: $(b64file "$state/$2/pki/ca.crt")
"
}
cluster_file() { # NAME CLUSTER CA_PATH_RELATIVE_TO_THE_KUBECONFIG
  add clusters "- name: $1
  cluster:
    server: $(server "$2")
    certificate-authority: $3
"
}
user_token() { # NAME TOKEN
  add users "- name: $1
  user:
    token: \"$2\"
"
}
user_token_file() { # NAME PATH
  add users "- name: $1
  user:
    tokenFile: $2
"
}
user_cert_data() { # NAME CERT KEY
  add users "- name: $1
  user:
    client-certificate-data: $(b64file "$2")
    client-key-data: $(b64file "$3")
"
}
user_cert_file() { # NAME CERT_PATH KEY_PATH
  add users "- name: $1
  user:
    client-certificate: $2
    client-key: $3
"
}
context() { # NAME CLUSTER USER NAMESPACE
  add contexts "- name: $1
  context:
    cluster: $2
    user: $3
    namespace: $4
"
}
write_kubeconfig() { # FILE CURRENT_CONTEXT [CLUSTERS USERS CONTEXTS]
  printf 'apiVersion: v1\nkind: Config\npreferences: {}\ncurrent-context: %s\nclusters:\n%susers:\n%scontexts:\n%s' \
    "$2" "${3-$kc_clusters}" "${4-$kc_users}" "${5-$kc_contexts}" >"$1"
}

in_all=false
all_clusters="" all_users="" all_contexts=""

# Admin (system:masters) for both clusters, kept out of kubeconfigs/ so that no test loads it by
# accident.
kc_reset
for c in "${clusters[@]}"; do
  cluster_data "$c" "$c"
  user_token "$c-admin" "${token[$c-admin]}"
  context "$c-admin" "$c" "$c-admin" default
done
write_kubeconfig "$state/admin.kubeconfig" build-admin
for c in "${clusters[@]}"; do
  kc_reset
  cluster_data "$c" "$c"
  user_token kube-controller-manager "${token[$c-kcm]}"
  context kube-controller-manager "$c" kube-controller-manager default
  write_kubeconfig "$state/$c/kcm.kubeconfig" kube-controller-manager
done

# ---------------------------------------------------------------------------------------------
# Controller managers: the ServiceAccount controllers (default ServiceAccounts, which the
# ServiceAccount admission plugin needs before any pod is admitted; legacy token Secrets),
# root-ca-cert-publisher (kube-root-ca.crt in every namespace), clusterrole-aggregation (fills
# admin/edit/view) and namespace (deleting a namespace really deletes its content).
# --secure-port=0: no listener; --leader-elect=false: one instance per cluster.
for c in "${clusters[@]}"; do
  start "$c-kcm" "$bin/kube-controller-manager" \
    --kubeconfig="$state/$c/kcm.kubeconfig" \
    --controllers=serviceaccount,serviceaccount-token,root-ca-cert-publisher,clusterrole-aggregation,namespace \
    --use-service-account-credentials \
    --leader-elect=false --secure-port=0 \
    --service-account-private-key-file="$state/$c/pki/sa.key" \
    --root-ca-file="$state/$c/pki/ca.crt"
done

# ---------------------------------------------------------------------------------------------
# Fixtures.
k() { "$bin/kubectl" --kubeconfig "$state/admin.kubeconfig" --cache-dir "$state/kubectl-cache" "$@"; }
for c in "${clusters[@]}"; do
  k --context "$c-admin" apply --server-side --field-manager=realk8s -f "$here/fixtures/$c" >"$state/logs/$c-fixtures.log" 2>&1 \
    || { cat "$state/logs/$c-fixtures.log" >&2; die "applying fixtures/$c failed"; }
done
log "fixtures applied"

# Polling jsonpath, not `kubectl wait`: on a brand-new CRD `kubectl wait --for=condition=...` fails
# at once because .status.conditions does not exist yet.
crd_established() {
  [[ $(k --context service-admin get crd prowjobs.prow.k8s.io \
    -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}') == True ]]
}
view_aggregated() { [[ -n $(k --context build-admin get clusterrole view -o 'jsonpath={.rules}') ]]; }
await_or_die service-apiserver "ProwJob CRD Established" crd_established
await_or_die build-kcm "ClusterRole view aggregated (build)" view_aggregated
await_or_die build-kcm "ServiceAccount test-pods/default (build)" k --context build-admin -n test-pods get serviceaccount default
await_or_die service-kcm "ServiceAccount prow/default (service)" k --context service-admin -n prow get serviceaccount default
log "CRD established, ClusterRole view aggregated, default ServiceAccounts present"

# ServiceAccount tokens from the TokenRequest API. Minted on every start: they are bound to the
# ServiceAccount's UID, which is new with every fresh etcd.
mint() { # CLUSTER NAMESPACE SERVICEACCOUNT
  k --context "$1-admin" -n "$2" create token "$3" --duration=24h
}
token[build-plank]=$(mint build test-pods plank)
service_prow_token=$(mint service prow prow-controller-manager)
creds=$state/kubeconfigs/credentials
mint build test-pods plank >"$creds/build-plank.token"
cp "$state/build/pki/ca.crt" "$creds/build-ca.crt"
cp "$state/build/pki/sinker.crt" "$creds/build-sinker.crt"
cp "$state/build/pki/sinker.key" "$creds/build-sinker.key"

# ---------------------------------------------------------------------------------------------
# The split kubeconfigs (kubeconfigs/split/), one file per build-cluster identity as gencred
# writes them (cluster, user and context all named after the context), one service-cluster file
# with several users, and build-files.yaml, whose credentials are files referenced by paths
# relative to the kubeconfig. Every name is unique across split/, so the files also form a strict
# union; merged/all.yaml is that union. Relative paths are "../credentials/...", which is right
# for both split/ and merged/.
split=$state/kubeconfigs/split
in_all=true

kc_reset
cluster_data service service
user_token service-prow "$service_prow_token"
user_cert_data service-hook "$state/service/pki/hook.crt" "$state/service/pki/hook.key"
user_token service-deck "${token[service-deck]}"
user_token service-nobody "${token[service-nobody]}"
context service-prow service service-prow prow
context service-hook service service-hook prow
context service-deck service service-deck prow
context service-nobody service service-nobody prow
write_kubeconfig "$split/service.yaml" service-prow

one_identity() { # CONTEXT USER-KIND ARGS...
  local name=$1 kind=$2
  shift 2
  kc_reset
  cluster_data "$name" build
  "$kind" "$name" "$@"
  context "$name" "$name" "$name" test-pods
  write_kubeconfig "$split/$name.yaml" "$name"
}
one_identity build-plank user_token "${token[build-plank]}"
one_identity build-sinker user_cert_data "$state/build/pki/sinker.crt" "$state/build/pki/sinker.key"
one_identity build-wrongns user_token "${token[build-wrongns]}"
one_identity build-viewer user_token "${token[build-viewer]}"
one_identity build-nobody user_token "${token[build-nobody]}"

kc_reset
cluster_file build-files build ../credentials/build-ca.crt
user_token_file build-plank-tokenfile ../credentials/build-plank.token
user_cert_file build-sinker-certfile ../credentials/build-sinker.crt ../credentials/build-sinker.key
context build-plank-tokenfile build-files build-plank-tokenfile test-pods
context build-sinker-certfile build-files build-sinker-certfile test-pods
write_kubeconfig "$split/build-files.yaml" build-plank-tokenfile

write_kubeconfig "$state/kubeconfigs/merged/all.yaml" service-prow "$all_clusters" "$all_users" "$all_contexts"

# Collisions, for the strict-union error tests. Both pairs use the `nobody` identities, so a test
# that loads them by mistake can do nothing.
in_all=false
# collide-context/: both files define context "collide" (clusters and users differ in name).
for i in 1 2; do
  c=${clusters[i - 1]}
  ns=prow
  [[ $c == build ]] && ns=test-pods
  kc_reset
  cluster_data "collide-context-$i" "$c"
  user_token "collide-context-$i" "${token[$c-nobody]}"
  context collide "collide-context-$i" "collide-context-$i" "$ns"
  write_kubeconfig "$state/kubeconfigs/collide-context/$i.yaml" collide
done
# collide-names/: distinct contexts, but both files define a cluster "shared" and a user "shared"
# with different content (1 = service, 2 = build). A strict union must reject the pair; Prow's
# per-file loading accepts it; client-go's KUBECONFIG merge silently keeps the first file's entries.
for i in 1 2; do
  c=${clusters[i - 1]}
  ns=prow
  [[ $c == build ]] && ns=test-pods
  kc_reset
  cluster_data shared "$c"
  user_token shared "${token[$c-nobody]}"
  context "collide-names-$i" shared shared "$ns"
  write_kubeconfig "$state/kubeconfigs/collide-names/$i.yaml" "collide-names-$i"
done

# ---------------------------------------------------------------------------------------------
# Watcher: stops everything once the owner (the test runner) is gone, however it died.
if [[ -n $owner_pid ]]; then
  "$here/down.sh" --after-exit-of "$owner_pid" "$state" </dev/null >"$state/logs/watcher.log" 2>&1 &
  realk8s_record_pid "$state/pids/watcher.pid" "$!"
fi

k8s_version=$(k --context build-admin version -o json | awk -F'"' '/"gitVersion"/ { v = $4 } END { print v }')

cat >"$state/env" <<EOF
# Written by tests/realk8s/up.sh; KEY=VALUE, no quoting (no value contains spaces). Source it or parse it.
REALK8S_STATE_DIR=$state
REALK8S_BIN=$bin
REALK8S_KUBECTL=$bin/kubectl
REALK8S_K8S_VERSION=$k8s_version
SERVICE_SERVER=$(server service)
BUILD_SERVER=$(server build)
SERVICE_CA=$state/service/pki/ca.crt
BUILD_CA=$state/build/pki/ca.crt
REALK8S_ETCD_URL=http://127.0.0.1:${port[etcd]}
REALK8S_ADMIN_KUBECONFIG=$state/admin.kubeconfig
REALK8S_KUBECONFIGS=$state/kubeconfigs
REALK8S_KUBECONFIG_SPLIT=$state/kubeconfigs/split
REALK8S_KUBECONFIG_ALL=$state/kubeconfigs/merged/all.yaml
REALK8S_KUBECONFIG_COLLIDE_CONTEXT=$state/kubeconfigs/collide-context
REALK8S_KUBECONFIG_COLLIDE_NAMES=$state/kubeconfigs/collide-names
REALK8S_MATRIX=$here/fixtures/matrix.tsv
REALK8S_IDENTITIES=$here/fixtures/identities.tsv
REALK8S_LOGS=$state/logs
REALK8S_PIDS=$state/pids
EOF
chmod 644 "$state/env"

ok=true
log "ready: service $(server service), build $(server build); env file $state/env"
