#!/usr/bin/env bash
# Installs (once) the node-llama-cpp pinned in benchmarks/llamacpp/package.json, the llama.cpp reference, and prints
# its node_modules path. Usage: scripts/install-llamacpp.sh
# Optional dependencies are omitted (CUDA, Vulkan and ARM binaries, about 640 MB) and the prebuilt x64 CPU binary is
# named instead; nothing is ever built from source. Once installed, no network is used.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
manifest="$repo/benchmarks/llamacpp/package.json"
cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
dir="$cache/llamacpp"
# Written after a complete install and load check, so an interrupted one is redone rather than trusted.
stamp="$dir/.installed"

command -v node >/dev/null || { echo "install-llamacpp: node not found" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || { echo "install-llamacpp: node-llama-cpp 3 needs Node >= 20, found $(node --version)" >&2; exit 1; }

# The native addon is built per Node ABI and CPU architecture, so both join the pinned manifest in the key.
key="$(sha256sum <"$manifest" | cut -c1-16) node$node_major $(uname -m)"
if [[ "$(cat "$stamp" 2>/dev/null)" == "$key" ]]; then
  echo "$dir/node_modules"
  exit 0
fi

mkdir -p "$dir"
exec 9>"$dir.lock"
flock 9
if [[ "$(cat "$stamp" 2>/dev/null)" != "$key" ]]; then
  echo "install-llamacpp: installing $(node -p "Object.entries(require('$manifest').dependencies).map(e => e.join('@')).join(' ')") into $dir" >&2
  rm -rf "$dir/node_modules" "$dir/package-lock.json" "$stamp"
  cp "$manifest" "$dir/package.json"
  # The postinstall step would download and compile llama.cpp when no prebuilt binary fits; skipping it makes that
  # case fail in the load check below instead.
  (cd "$dir" && NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --silent --no-audit --no-fund --omit=optional >&2)
  # The load check proves the prebuilt CPU binary works here. It runs from a file: node-llama-cpp tests its binary in
  # a forked child, which cannot re-run a `node -e` script.
  UV_THREADPOOL_SIZE=1 node "$repo/benchmarks/llamacpp/reference.mjs" info --modules "$dir/node_modules"
  echo "$key" >"$stamp"
fi
echo "$dir/node_modules"
