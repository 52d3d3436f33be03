#!/usr/bin/env bash
# Installs the tools the end-to-end suites need, once: Debian's Chromium (driven by playwright-core,
# which downloads no browser), ripgrep and the Kerberos headers (both needed to install
# code-server), and code-server 4.100.3 (a real VS Code 1.100.3 workbench with a Node extension
# host; the newest release that runs on Node 20). code-server goes into .cache/e2e/, outside the
# project's dependencies: node_modules/ and package-lock.json are never touched.
#
# Safe to run again: every step checks first and does nothing when its result is already there.
# When everything is in place it writes .cache/e2e/ready, which makes `npm test` run the suites.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

code_server_version="4.100.3"
cache_dir="$repo_root/.cache/e2e"
code_server_dir="$cache_dir/code-server-$code_server_version"
code_server_bin="$code_server_dir/node_modules/.bin/code-server"
ready_marker="$cache_dir/ready"
apt_packages=(chromium ripgrep libkrb5-dev)

say() { printf 'e2e setup: %s\n' "$*"; }

# Root runs apt-get directly; anyone else needs sudo for the Debian packages.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

fingerprint_project_dependencies() {
  sha256sum package.json package-lock.json 2>/dev/null || true
  # The top level of node_modules is enough to notice an install into the project by mistake.
  ls -1 node_modules 2>/dev/null | sha256sum
}

started_at=$(date +%s)
project_before="$(fingerprint_project_dependencies)"

# 1. Debian packages: apt-get update runs once, and only when something is missing.
missing_packages=()
for package in "${apt_packages[@]}"; do
  if ! package_installed "$package"; then missing_packages+=("$package"); fi
done
if [ "${#missing_packages[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
  say "installed ${missing_packages[*]}"
else
  say "Debian packages already installed: ${apt_packages[*]}"
fi
say "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium: version unknown')"

# 2. code-server, installed with npm into its own prefix.
installed_code_server_version() {
  # The package's manifest names its version; starting code-server to ask takes seconds.
  if [ -x "$code_server_bin" ]; then
    node -p "require('$code_server_dir/node_modules/code-server/package.json').version" 2>/dev/null || true
  fi
}
installed_version="$(installed_code_server_version)"
if [ "$installed_version" = "$code_server_version" ]; then
  say "code-server $code_server_version already installed in ${code_server_dir#"$repo_root"/}"
else
  # @vscode/ripgrep (a code-server dependency) downloads ripgrep from GitHub unless its cache in
  # the temporary folder already holds the archive; Debian's rg serves the same purpose.
  case "$(uname -m)" in
    x86_64) ripgrep_target="x86_64-unknown-linux-musl" ;;
    aarch64 | arm64) ripgrep_target="aarch64-unknown-linux-musl" ;;
    *) say "unsupported machine architecture $(uname -m) for the ripgrep cache"; exit 1 ;;
  esac
  node_tmpdir="$(node -p 'require("os").tmpdir()')"
  ripgrep_cache="$node_tmpdir/vscode-ripgrep-cache-1.15.11"
  ripgrep_archive="$ripgrep_cache/ripgrep-v13.0.0-10-$ripgrep_target.tar.gz"
  if [ ! -s "$ripgrep_archive" ]; then
    mkdir -p "$ripgrep_cache"
    tar -czf "$ripgrep_archive" -C "$(dirname "$(command -v rg)")" rg
    say "placed Debian's ripgrep in $ripgrep_archive"
  else
    say "ripgrep archive already in $ripgrep_archive"
  fi

  say "installing code-server $code_server_version into ${code_server_dir#"$repo_root"/} (about a minute)"
  mkdir -p "$code_server_dir"
  # unsafe_perm lets code-server's install script run as root; yes lets node-pty's `npx node-gyp`
  # run without a prompt. The prefix keeps everything inside the cache folder.
  install_log="$cache_dir/code-server-install.log"
  if ! npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --prefix "$code_server_dir" --no-save --no-package-lock --no-audit --no-fund \
    "code-server@$code_server_version" >"$install_log" 2>&1; then
    tail -n 40 "$install_log"
    say "installing code-server failed; the full log is $install_log"
    exit 1
  fi
  installed_version="$(installed_code_server_version)"
  if [ "$installed_version" != "$code_server_version" ]; then
    say "expected code-server $code_server_version but found '$installed_version'"
    exit 1
  fi
  say "installed code-server $installed_version"
fi

# The project's own dependencies must be exactly as before.
if [ "$(fingerprint_project_dependencies)" != "$project_before" ]; then
  say "package.json, package-lock.json or node_modules/ changed during setup; this is a bug in setup.sh"
  exit 1
fi

if [ ! -f "$ready_marker" ]; then
  printf 'code-server %s\nchromium %s\nready since %s\n' "$code_server_version" \
    "$(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$ready_marker"
fi
say "ready ($(($(date +%s) - started_at)) s); marker ${ready_marker#"$repo_root"/}; run: npm run test:e2e"
