#!/usr/bin/env bash
# Installs (once) the MCP servers that the gateway's MCP and agent tests talk to, and prints their folder DIR:
#   DIR/venv   Python with the PyPI `mcp` SDK, which runs gateway/src/test/mcp/test_server.py:
#                DIR/venv/bin/python test_server.py                 (stdio)
#                DIR/venv/bin/python test_server.py --http PORT     (Streamable HTTP on 127.0.0.1:PORT/mcp)
#   DIR/node   npm @modelcontextprotocol/server-everything; its entry point takes the transport as first argument:
#                node DIR/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio
#                PORT=N node .../dist/index.js streamableHttp        (Streamable HTTP on port N, path /mcp;
#                                                                     PORT defaults to 3001, binds every interface)
# Usage: scripts/install-mcp-servers.sh      DIR is ${SCHEMAGATE_CACHE:-~/.cache/schemagate}/mcp
set -euo pipefail

python_pins=(mcp==2.3.0)
node_pins=(@modelcontextprotocol/server-everything@2026.8.31)

cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
dir="$cache/mcp"
python="$dir/venv/bin/python"
everything="$dir/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
# Written after a complete install and an import check, so an interrupted one is redone rather than trusted.
python_stamp="$dir/venv/.installed"
node_stamp="$dir/node/.installed"

command -v python3 >/dev/null || { echo "install-mcp-servers: python3 not found" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "install-mcp-servers: node and npm are needed" >&2; exit 1; }

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
  echo "install-mcp-servers: creating $dir/venv ($python_key)" >&2
  rm -rf "$dir/venv"
  python3 -m venv "$dir/venv"
  "$python" -m pip install --quiet --disable-pip-version-check "${python_pins[@]}" >&2
  "$python" -c 'from mcp.server.mcpserver import MCPServer' \
    || { echo "install-mcp-servers: the mcp SDK does not import in $dir/venv" >&2; exit 1; }
  echo "$python_key" >"$python_stamp"
fi

if [[ "$(cat "$node_stamp" 2>/dev/null)" != "$node_key" ]]; then
  echo "install-mcp-servers: installing ${node_pins[*]} into $dir/node" >&2
  rm -rf "$dir/node"
  mkdir -p "$dir/node"
  echo '{"name": "schemagate-mcp-servers", "private": true}' >"$dir/node/package.json"
  (cd "$dir/node" && npm install --silent --no-audit --no-fund --save-exact "${node_pins[@]}" >&2)
  [[ -f "$everything" ]] || { echo "install-mcp-servers: $everything is missing after npm install" >&2; exit 1; }
  echo "$node_key" >"$node_stamp"
fi
echo "$dir"
