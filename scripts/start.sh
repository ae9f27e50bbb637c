#!/usr/bin/env bash
# Starts the whole demo on the embedded default: the backend (http://localhost:7007), the
# frontend (http://localhost:3000), a local agent dialling the tunnel on 127.0.0.1:7100, and
# SQLite under ./data. Ctrl-C stops everything.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
rde_install
cd "$RDE_ROOT"

export RDE_DATA_DIR="${RDE_DATA_DIR:-$RDE_ROOT/data}"
mkdir -p "$RDE_DATA_DIR"
token_file="$RDE_DATA_DIR/dev-agent-token"
if [ ! -s "$token_file" ]; then
  (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))" >"$token_file")
fi
RDE_DEV_AGENT_TOKEN="$(cat "$token_file")"
export RDE_DEV_AGENT_TOKEN

# The backend needs the token in its environment (app-config.yaml); the agent reads it from the
# file, and its environment must not carry it.
env -u RDE_DEV_AGENT_TOKEN agent/bin/rde-agent --url grpc://127.0.0.1:7100 --cluster local \
  --token-file "$token_file" --data-dir "$RDE_DATA_DIR/agent" &
agent_pid=$!
trap 'kill "$agent_pid" 2>/dev/null; wait "$agent_pid" 2>/dev/null' EXIT INT TERM

yarn start
