#!/usr/bin/env bash
# Builds llama.cpp reference data for a GGUF model through node-llama-cpp: the token ids of
# benchmarks/llamacpp/strings.json and a 64-token greedy trace with raw logits for benchmarks/llamacpp/prompts.json.
# Cached under a hash of every input, so a second run is instant; prints both paths.
# Usage: scripts/llamacpp-reference.sh [MODEL_PATH]
set -euo pipefail

cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
model="${1:-$cache/models/SmolLM2-135M-Instruct.Q4_1.gguf}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$repo/benchmarks/llamacpp"
threads=2
tokens=64

[[ -r "$model" ]] || { echo "llamacpp-reference: model not readable: $model (see scripts/fetch-model.sh)" >&2; exit 1; }
modules="$("$repo/scripts/install-llamacpp.sh")"

# The model stands in by name and size: hashing 100 MB of weights on every call would cost more than the cache saves.
# The CPU's AVX-512 flags pick the ggml build, whose float order the reference records.
key="$( { echo "$(basename "$model") $(stat -c %s "$model") threads=$threads tokens=$tokens"
          grep -o 'avx512[a-z]*' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' '
          cat "$modules/node-llama-cpp/package.json" "$bench/package.json" "$bench/reference.mjs" \
              "$bench/strings.json" "$bench/prompts.json" "$repo/scripts/install-llamacpp.sh" "$0"; } \
        | sha256sum | cut -c1-16)"
out="$cache/reference"
tokenize_json="$out/llamacpp-tokenize-smollm2.json"
greedy_json="$out/llamacpp-greedy-smollm2.json"
stamp="$out/llamacpp-smollm2.key"

if [[ "$(cat "$stamp" 2>/dev/null)" != "$key" || ! -f "$tokenize_json" || ! -f "$greedy_json" ]]; then
  mkdir -p "$out"
  rm -f "$stamp"
  export SCHEMAGATE_LLAMACPP_MODULES="$modules" UV_THREADPOOL_SIZE=1
  node "$bench/reference.mjs" tokenize --model "$model" --strings "$bench/strings.json" --out "$tokenize_json"
  # Idle OpenMP threads sleep instead of spinning: the trace is the same, and on a shared CI runner spinning
  # threads starving each other doubled its time.
  OMP_WAIT_POLICY=passive node "$bench/reference.mjs" greedy --model "$model" --prompts "$bench/prompts.json" \
    --tokens "$tokens" --threads "$threads" --out "$greedy_json"
  echo "$key" >"$stamp"
fi
echo "$tokenize_json"
echo "$greedy_json"
