# Sourced by the build.sh of each Go oracle (tests/prowloader, tests/prowjobreader,
# tests/podoracle): builds the main package of the caller's directory into
# <repo>/target/NAME/NAME (or $BIN_DIR), with Prow and its dependencies from the Go module proxy
# as the directory's go.mod/go.sum pin them.
#
# Skips the build when the binary is current: a stamp file records a hash of go.mod, go.sum,
# the Go files, the caller's build.sh, this file and the Go version.
#
# Usage (from a build.sh): build_go_oracle NAME "WHAT IT IS" "${NAME_BIN:-}" "$@"

build_go_oracle() {
  local name=$1 what=$2 here
  here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
  local repo
  repo=$(cd "$here/../.." && pwd)
  local bin=${3:-$repo/target/$name}
  local stamp=$bin/.build-stamp
  shift 3
  die() { echo "$name build: error: $*" >&2; exit 1; }

  local force=false
  case "${1:-}" in
    "") ;;
    --force) force=true ;;
    *) die "unknown argument '$1' (usage: build.sh [--force])" ;;
  esac

  command -v go >/dev/null 2>&1 || die "'go' not found in PATH; install Go 1.26 or newer"
  command -v sha256sum >/dev/null 2>&1 || die "'sha256sum' not found (coreutils)"
  local go_version
  go_version=$(go env GOVERSION) || die "'go env GOVERSION' failed"

  local key
  key=$(cd "$here" && { echo "go=$go_version"; sha256sum go.mod go.sum ./*.go build.sh ../common/go-oracle.sh; } | sha256sum | cut -d' ' -f1)
  if ! $force && [[ -x $bin/$name && -f $stamp && $(cat "$stamp") == "$key" ]]; then
    echo "$name build: $bin/$name is current ($go_version); skipping"
    return 0
  fi

  mkdir -p "$bin"
  # One Go build at a time (tests/realk8s/build.sh may run next to it on a small machine).
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$bin/.build.lock"
    flock 9
  fi

  echo "$name build: building $what with $go_version into $bin (a cold build takes a few minutes)"
  rm -f "$stamp"
  local start=$SECONDS
  # -mod=readonly: the build must never rewrite go.mod/go.sum.
  (cd "$here" && CGO_ENABLED=0 go build -mod=readonly -trimpath -ldflags "-s -w" -o "$bin/$name" .) \
    || die "go build failed (see above); check that the module proxy is reachable ('go env GOPROXY')"
  echo "$key" >"$stamp"
  echo "$name build: done in $((SECONDS - start)) s"
}
