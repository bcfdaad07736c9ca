#!/usr/bin/env bash
# Builds the release archives (static musl binaries, one tar.gz per platform, `kubectl-prow` and
# LICENSE at the root) into target/release-archives/, then rewrites krew-manifest.yaml's
# spec.version, each uri's version and each sha256 from them.
#
# Usage: scripts/release.sh [--keep-manifest]
#   --keep-manifest  leave krew-manifest.yaml alone; the rewritten manifest is still written
#                    next to the archives (target/release-archives/krew-manifest.yaml), which is
#                    what scripts/test.sh uses, so a test run never edits a committed file.
#
# Environment: RELEASE_ARCHES (default "amd64 arm64"; arm64 cross-links with Debian's
# gcc-aarch64-linux-gnu, which must be installed: the script says so and stops without it).
#
# The archives are reproducible from the same binaries (fixed order, mtime, owner and modes;
# gzip without name or time), so rerunning gives the same sha256.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
keep_manifest=false
for arg in "$@"; do
  case $arg in
    --keep-manifest) keep_manifest=true ;;
    *) echo "usage: scripts/release.sh [--keep-manifest]" >&2; exit 2 ;;
  esac
done

say() { echo "release.sh: $*" >&2; }
target_dir=${CARGO_TARGET_DIR:-$repo/target}
out=$target_dir/release-archives
version=$(awk -F'"' '/^\[/ { pkg = ($0 == "[package]") } pkg && /^version *=/ { print $2; exit }' Cargo.toml)
[[ -n $version ]] || { say "error: no version in Cargo.toml"; exit 1; }
read -r -a arches <<<"${RELEASE_ARCHES:-amd64 arm64}"

triple_of() {
  case $1 in
    amd64) echo x86_64-unknown-linux-musl ;;
    arm64) echo aarch64-unknown-linux-musl ;;
    *) say "error: unknown arch $1 (amd64, arm64)"; exit 2 ;;
  esac
}

# A C compiler for ring's few C files (they include only compiler headers and string.h, so a
# glibc-targeting gcc is fine), and for arm64 also the linker: Rust's musl targets bring their
# own musl libc and start files, so any gcc for the architecture links a static binary.
#
# What the build needs is checked before anything is done; installing system packages is the
# caller's decision (.ci/run makes it for CI), so a missing one is named and the script stops.
missing=()
command -v rustup >/dev/null 2>&1 || missing+=("rustup (for the musl targets)")
for arch in "${arches[@]}"; do
  case $arch in
    amd64) command -v gcc >/dev/null 2>&1 || missing+=("gcc (Debian: gcc)") ;;
    arm64)
      command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 ||
        missing+=("aarch64-linux-gnu-gcc, the arm64 cross compiler and linker (Debian: gcc-aarch64-linux-gnu libc6-dev-arm64-cross; or leave arm64 out: RELEASE_ARCHES=amd64)")
      ;;
  esac
done
if ((${#missing[@]})); then
  say "error: missing what the release build needs:"
  for m in "${missing[@]}"; do say "  $m"; done
  exit 1
fi
cargo_args=()
for arch in "${arches[@]}"; do
  triple=$(triple_of "$arch")
  if ! rustup target list --installed | grep -qx "$triple"; then
    rustup target add "$triple" >&2
  fi
  cargo_args+=(--target "$triple")
  case $arch in
    amd64) export CC_x86_64_unknown_linux_musl=${CC_x86_64_unknown_linux_musl:-gcc} ;;
    arm64)
      export CC_aarch64_unknown_linux_musl=${CC_aarch64_unknown_linux_musl:-aarch64-linux-gnu-gcc}
      export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER:-aarch64-linux-gnu-gcc}
      ;;
  esac
done

# One cargo run for all targets: the build scripts and proc macros are built once.
cargo build --release --locked --bin kubectl-prow "${cargo_args[@]}" >&2

mkdir -p "$out"
shas=()
for arch in "${arches[@]}"; do
  triple=$(triple_of "$arch")
  name=kubectl-prow_v${version}_linux_${arch}
  stage=$out/$name
  rm -rf "$stage"
  mkdir -p "$stage"
  install -m 0755 "$target_dir/$triple/release/kubectl-prow" "$stage/kubectl-prow"
  install -m 0644 LICENSE "$stage/LICENSE"
  tar --format=gnu --mtime=@0 --owner=0 --group=0 --numeric-owner --sort=name \
    -C "$stage" -cf - kubectl-prow LICENSE | gzip -n -9 >"$out/$name.tar.gz"
  rm -rf "$stage"
  sha=$(sha256sum "$out/$name.tar.gz" | cut -d' ' -f1)
  shas+=("linux_$arch=$sha")
  echo "$out/$name.tar.gz $sha"
done

# Rewrite version, uris and sha256s; each platform's uri names its archive, and the sha256 line
# after it gets that archive's digest. A platform without an archive, or an archive without a
# platform, is an error: the manifest would promise what the release does not have.
awk -v version="$version" -v shas="${shas[*]}" '
  BEGIN {
    n = split(shas, pairs, " ")
    for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); sha[kv[1]] = kv[2] }
  }
  /^  version: / { sub(/v[^ ]*$/, "v" version) }
  /^ *(- )?uri: / {
    gsub(/\/download\/v[^\/]*\//, "/download/v" version "/")
    gsub(/kubectl-prow_v[^_]*_/, "kubectl-prow_v" version "_")
    if (!match($0, /_linux_[a-z0-9]+\.tar\.gz$/)) { print "uri names no linux archive: " $0 > "/dev/stderr"; bad = 1 }
    platform = substr($0, RSTART + 1, RLENGTH - 8)
  }
  /^ *sha256: / {
    if (!(platform in sha)) { print "no archive was built for platform " platform > "/dev/stderr"; bad = 1 }
    else { sub(/sha256: .*/, "sha256: " sha[platform]); used[platform] = 1 }
  }
  { print }
  END {
    for (p in sha) if (!(p in used)) { print "archive " p " has no platform in the manifest" > "/dev/stderr"; bad = 1 }
    exit bad
  }' krew-manifest.yaml >"$out/krew-manifest.yaml.new" || {
  # No manifest next to the archives then: tests/krew.rs would take a half-written one for
  # the release's.
  rm -f "$out/krew-manifest.yaml.new" "$out/krew-manifest.yaml"
  say "error: krew-manifest.yaml does not match the archives built (RELEASE_ARCHES=${arches[*]})"
  exit 1
}
mv "$out/krew-manifest.yaml.new" "$out/krew-manifest.yaml"
if $keep_manifest; then
  say "manifest for these archives: $out/krew-manifest.yaml (krew-manifest.yaml left alone)"
else
  cp "$out/krew-manifest.yaml" krew-manifest.yaml
  say "krew-manifest.yaml rewritten for v$version"
fi
