#!/usr/bin/env bash
# Fetches llama.cpp's example GBNF grammars (arithmetic, c, chess, english, japanese, json, json_arr, list) from the
# npm package node-llama-cpp (folder llama/grammars) into the schemagate cache and prints that folder. Tests that
# read them skip when it is missing. Reuses the package scripts/install-llamacpp.sh installed, if any.
# Usage: scripts/fetch-gbnf-examples.sh
set -euo pipefail

version=3.22.1
names=(arithmetic c chess english japanese json json_arr list)
cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
target="$cache/gbnf"

complete() {
  local name
  for name in "${names[@]}"; do [[ -f "$1/$name.gbnf" ]] || return 1; done
}

if complete "$target"; then
  echo "$target"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
installed="$cache/llamacpp/node_modules/node-llama-cpp"
if [[ -f "$installed/package.json" ]] && [[ "$(node -p "require('$installed/package.json').version" 2>/dev/null)" == "$version" ]] \
    && complete "$installed/llama/grammars"; then
  source="$installed/llama/grammars"
else
  (cd "$work" && npm pack --silent "node-llama-cpp@$version" >/dev/null)
  tar -xzf "$work"/node-llama-cpp-*.tgz -C "$work" package/llama/grammars
  source="$work/package/llama/grammars"
  complete "$source" || { echo "fetch-gbnf-examples: node-llama-cpp@$version lacks some of ${names[*]}" >&2; exit 1; }
fi

# Copy into a temporary folder first so an interrupted fetch never leaves a partial folder that looks complete.
mkdir -p "$cache"
rm -rf "$target.part"
mkdir "$target.part"
for name in "${names[@]}"; do cp "$source/$name.gbnf" "$target.part/"; done
rm -rf "$target"
mv "$target.part" "$target"
echo "$target"
