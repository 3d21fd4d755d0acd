#!/usr/bin/env bash
# Installs factlint: the release binary for this machine, or, when there is none
# (or FACTLINT_VERSION=source), a build of the source tree with cargo. The GitHub
# Action (action.yml) runs it; it works anywhere with bash, curl and tar.
#
#   FACTLINT_VERSION        a release tag (v0.2.0), `latest`, or `source`   [latest]
#   FACTLINT_REPOSITORY     OWNER/NAME of the repository with the releases
#                           [$GITHUB_ACTION_REPOSITORY]
#   FACTLINT_RELEASES_URL   where releases are [https://github.com/$FACTLINT_REPOSITORY/releases]
#   FACTLINT_INSTALL_DIR    where bin/factlint goes                       [~/.factlint]
#   FACTLINT_SOURCE_DIR     the source tree to build            [this script's repository]
#   FACTLINT_BUILD_IF_MISSING  `true`: build when no release binary exists  [true]
#   FACTLINT_TARGET         the Rust target triple                 [this machine's]
#   FACTLINT_CARGO          the cargo to build with                          [cargo]
#
# A downloaded archive is checked against the `.sha256` file published beside it.
# An already installed binary (a restored cache) is kept. In GitHub Actions, the
# binary's folder is added to GITHUB_PATH and its path set as the `path` output.
set -euo pipefail

version="${FACTLINT_VERSION:-latest}"
repository="${FACTLINT_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}"
install_dir="${FACTLINT_INSTALL_DIR:-$HOME/.factlint}"
source_dir="${FACTLINT_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}"
build_if_missing="${FACTLINT_BUILD_IF_MISSING:-true}"
cargo="${FACTLINT_CARGO:-cargo}"

say() { echo "factlint install: $*" >&2; }
fail() { say "$*"; exit 1; }

target_triple() {
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Darwin/arm64 | Darwin/aarch64) echo aarch64-apple-darwin ;;
    Darwin/x86_64) echo x86_64-apple-darwin ;;
    MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) echo x86_64-pc-windows-msvc ;;
    *) echo "" ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

target="${FACTLINT_TARGET:-$(target_triple)}"
exe=factlint
archive_ext=tar.gz
case "$target" in
  *windows*) exe=factlint.exe archive_ext=zip ;;
esac
bin="$install_dir/bin/$exe"

# Downloads and verifies the release archive; false when there is none to get.
download() {
  [ -n "$target" ] || { say "no release binary for $(uname -s)/$(uname -m)"; return 1; }
  local base="${FACTLINT_RELEASES_URL:-}"
  if [ -z "$base" ]; then
    [ -n "$repository" ] || { say "no repository to download from (set FACTLINT_REPOSITORY)"; return 1; }
    base="https://github.com/$repository/releases"
  fi
  local name="factlint-$target.$archive_ext" url
  if [ "$version" = latest ]; then
    url="$base/latest/download/$name"
  else
    url="$base/download/$version/$name"
  fi
  local tmp
  tmp="$(mktemp -d)"
  say "downloading $url"
  if ! curl -fsSL --retry 3 -o "$tmp/$name" "$url" || ! curl -fsSL --retry 3 -o "$tmp/$name.sha256" "$url.sha256"; then
    say "no release archive at $url"
    rm -rf "$tmp"
    return 1
  fi
  local want got
  want="$(cut -d' ' -f1 <"$tmp/$name.sha256")"
  got="$(sha256_of "$tmp/$name")"
  if [ "$want" != "$got" ]; then
    rm -rf "$tmp"
    fail "checksum mismatch for $name: expected $want, got $got"
  fi
  mkdir -p "$tmp/x" "$install_dir/bin"
  case "$archive_ext" in
    zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q "$tmp/$name" -d "$tmp/x"
      else
        powershell -NoProfile -Command "Expand-Archive -Path '$tmp/$name' -DestinationPath '$tmp/x'"
      fi
      ;;
    *) tar -xzf "$tmp/$name" -C "$tmp/x" ;;
  esac
  [ -f "$tmp/x/$exe" ] || { rm -rf "$tmp"; fail "$name holds no $exe"; }
  mv "$tmp/x/$exe" "$bin"
  chmod +x "$bin"
  rm -rf "$tmp"
}

build() {
  [ -f "$source_dir/Cargo.toml" ] || fail "no source tree at $source_dir to build"
  command -v "$cargo" >/dev/null 2>&1 || fail "cargo is needed to build factlint from source"
  say "building $source_dir with cargo (cached by the action once built)"
  "$cargo" install --locked --path "$source_dir" --root "$install_dir"
}

if [ -x "$bin" ]; then
  say "using the installed $bin"
elif [ "$version" = source ]; then
  build
elif ! download; then
  [ "$build_if_missing" = true ] || fail "no release binary, and FACTLINT_BUILD_IF_MISSING is not true"
  build
fi
[ -x "$bin" ] || fail "$bin was not installed"

if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$install_dir/bin" >>"$GITHUB_PATH"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "path=$bin" >>"$GITHUB_OUTPUT"
fi
echo "$bin"
