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
source "$(dirname "$0")/lib/pinned-install.sh"

python_pins=(mcp==2.3.0)
node_pins=(@modelcontextprotocol/server-everything@2026.8.31)

pinned_install install-mcp-servers "${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}/mcp" \
  'from mcp.server.mcpserver import MCPServer' \
  'test -f node_modules/@modelcontextprotocol/server-everything/dist/index.js'
