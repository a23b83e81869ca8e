#!/usr/bin/env bash
# Installs code-server (a real VS Code workbench served to a browser, from the npm registry) into
# .tools/code-server for the end-to-end tests in test/e2e. Run it again at any time: it does
# nothing when the right version is already there. Takes about a minute (native modules compile).
#
#   bash scripts/install-code-server.sh [PREFIX]      (default: <repo>/.tools/code-server)
#
# Kept out of package.json on purpose: it would make every `npm install` a minute slower and
# need the workarounds below.
set -euo pipefail

# 4.100.3 is the last code-server whose engines field accepts Node 20 (later ones want 22 or 24).
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${1:-$repo/.tools/code-server}"
bin="$prefix/node_modules/.bin/code-server"
marker="$prefix/.installed-$VERSION"

if [ -f "$marker" ] && [ -x "$bin" ]; then
  echo "code-server $VERSION is already installed in $prefix"
  exit 0
fi

if [ "$(node -p 'process.versions.node.split(".")[0]')" != 20 ]; then
  echo "code-server $VERSION needs Node 20 (this is $(node --version)); its install script refuses others." >&2
  exit 1
fi

# Debian packages the install needs:
#  - ripgrep: @vscode/ripgrep would download rg from GitHub (unreachable here); we hand it Debian's.
#  - libkrb5-dev: the kerberos module's prebuilt binary also comes from GitHub, so it compiles
#    from source and needs the gssapi headers.
#  - python3, make, g++: node-gyp, for those compiles (node-pty, argon2, spdlog, ...).
missing=()
command -v rg > /dev/null || missing+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v python3 > /dev/null || missing+=(python3)
command -v make > /dev/null || missing+=(make)
command -v g++ > /dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  apt_line="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "code-server's install needs Debian packages that are missing. Run as root, then run this script again:" >&2
    echo "  $apt_line" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_line -qq > /dev/null
fi

# @vscode/ripgrep 1.15.11 (what code-server 4.100.3 depends on) first looks for its download in a
# cache folder under the temp dir. Putting Debian's rg there, packed under the asset name it
# expects, stops it from going to GitHub (where it fails after ~30 s of retries).
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_asset="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_asset" ]; then
  mkdir -p "$rg_cache"
  seed="$(mktemp -d)"
  cp "$(command -v rg)" "$seed/rg"
  tar -czf "$rg_asset" -C "$seed" rg
  rm -rf "$seed"
fi

mkdir -p "$prefix"
[ -f "$prefix/package.json" ] || echo '{ "name": "pinwheel-e2e-code-server", "private": true }' > "$prefix/package.json"
rm -f "$prefix"/.installed-*

echo "Installing code-server $VERSION into $prefix (about a minute) ..."
start=$SECONDS
# npm_config_unsafe_perm: as root, code-server's postinstall.sh stops with "Please pass
#   --unsafe-perm"; npm 11 dropped that flag, but the script still reads the variable (npm warns
#   "Unknown env config": harmless).
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which without a terminal cancels
#   instead of asking; this answers yes (node-gyp comes from the npm registry).
# argon2 and kerberos print failed downloads of prebuilt binaries from GitHub before compiling
#   from source: expected.
(
  cd "$prefix"
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION"
)
# A throw-away config home: code-server writes ~/.config/code-server/config.yaml on any first run.
cfg="$(mktemp -d)"
XDG_CONFIG_HOME="$cfg" "$bin" --version | head -n 1
rm -rf "$cfg"
touch "$marker"
echo "code-server $VERSION installed in $((SECONDS - start)) s: $bin"
