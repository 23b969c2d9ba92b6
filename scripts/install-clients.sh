#!/usr/bin/env bash
# Installs (once) the official OpenAI clients that the gateway's client tests drive, and prints their folder:
# DIR/venv (Python: openai, pydantic, instructor, openai-agents, jsonschema) and DIR/node/node_modules (npm: openai, zod).
# Usage: scripts/install-clients.sh          DIR is ${SCHEMAGATE_CACHE:-~/.cache/schemagate}/clients
set -euo pipefail
source "$(dirname "$0")/lib/pinned-install.sh"

python_pins=(openai==3.3.0 pydantic==2.14.3 instructor==1.17.0 openai-agents==0.24.0 jsonschema==4.26.0)
node_pins=(openai@7.57.0 zod@4.6.7)

pinned_install install-clients "${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}/clients" \
  'import openai, pydantic, instructor, agents, jsonschema' \
  "node -e 'require(\"openai\"); require(\"openai/helpers/zod\"); require(\"zod\")'"
