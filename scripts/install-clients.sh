#!/usr/bin/env bash
# Installs (once) the official OpenAI clients that the gateway's client tests drive, and prints their folder:
# DIR/venv (Python: openai, pydantic, instructor, openai-agents, jsonschema) and DIR/node/node_modules (npm: openai, zod).
# Usage: scripts/install-clients.sh          DIR is ${SCHEMAGATE_CACHE:-~/.cache/schemagate}/clients
set -euo pipefail

python_pins=(openai==3.3.0 pydantic==2.14.3 instructor==1.17.0 openai-agents==0.24.0 jsonschema==4.26.0)
node_pins=(openai@7.57.0 zod@4.6.7)

cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
dir="$cache/clients"
python="$dir/venv/bin/python"
# Written after a complete install and import check, so an interrupted one is redone rather than trusted.
python_stamp="$dir/venv/.installed"
node_stamp="$dir/node/.installed"

command -v python3 >/dev/null || { echo "install-clients: python3 not found" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "install-clients: node and npm are needed" >&2; exit 1; }

# A venv outlives neither an upgrade nor a removal of its interpreter, and npm packages are checked per Node major.
python_key="python$(python3 -c 'import platform; print(platform.python_version())') ${python_pins[*]}"
node_key="node$(node -p 'process.versions.node.split(".")[0]') ${node_pins[*]}"
if [[ "$(cat "$python_stamp" 2>/dev/null)" == "$python_key" && "$(cat "$node_stamp" 2>/dev/null)" == "$node_key" ]]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$dir"
exec 9>"$dir.lock"
flock 9

if [[ "$(cat "$python_stamp" 2>/dev/null)" != "$python_key" ]]; then
  echo "install-clients: creating $dir/venv ($python_key)" >&2
  rm -rf "$dir/venv"
  python3 -m venv "$dir/venv"
  "$python" -m pip install --quiet --disable-pip-version-check "${python_pins[@]}" >&2
  "$python" -c 'import openai, pydantic, instructor, agents, jsonschema' \
    || { echo "install-clients: the Python clients do not import in $dir/venv" >&2; exit 1; }
  echo "$python_key" >"$python_stamp"
fi

if [[ "$(cat "$node_stamp" 2>/dev/null)" != "$node_key" ]]; then
  echo "install-clients: installing ${node_pins[*]} into $dir/node" >&2
  rm -rf "$dir/node"
  mkdir -p "$dir/node"
  echo '{"name": "schemagate-client-tests", "private": true}' >"$dir/node/package.json"
  (cd "$dir/node" && npm install --silent --no-audit --no-fund --save-exact "${node_pins[@]}" >&2)
  (cd "$dir/node" && node -e 'require("openai"); require("openai/helpers/zod"); require("zod")') \
    || { echo "install-clients: the npm clients do not load in $dir/node" >&2; exit 1; }
  echo "$node_key" >"$node_stamp"
fi
echo "$dir"
