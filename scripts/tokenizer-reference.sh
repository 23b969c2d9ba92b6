#!/usr/bin/env bash
# Builds the reference encodings a Java tokenizer is tested against: a corpus of strings encoded by
# @lenml/tokenizers (a transformers.js fork) in Node. Cached under a hash of every input; prints the path.
# Usage: scripts/tokenizer-reference.sh NAME [SHARED_DIR]   (NAME = llama3 | qwen3)
set -euo pipefail

name="${1:?usage: tokenizer-reference.sh NAME [SHARED_DIR]}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${2:-${SCHEMAGATE_SHARED:-$repo/../shared}}"
cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
lenml_version=3.7.2
scripts="$repo/tokenizer/src/test/scripts"

tokenizer_json="$("$repo/scripts/fetch-tokenizer.sh" "$name")"
tokenizer_dir="$(dirname "$tokenizer_json")"

node_dir="$cache/node"
if [[ ! -f "$node_dir/node_modules/@lenml/tokenizers/package.json" ]] \
   || ! grep -q "\"version\": \"$lenml_version\"" "$node_dir/node_modules/@lenml/tokenizers/package.json"; then
  mkdir -p "$node_dir"
  [[ -f "$node_dir/package.json" ]] || echo '{"private": true}' > "$node_dir/package.json"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund "@lenml/tokenizers@$lenml_version" >/dev/null)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$scripts/make_corpus.py" "$shared" "$work/corpus.json"

# The corpus itself stands for the Python script and the MaskBench data, so hashing it covers both.
key="$(cat "$work/corpus.json" "$tokenizer_json" "$scripts/encode_reference.cjs" <(echo "$lenml_version") \
       | sha256sum | cut -c1-16)"
output="$cache/reference/$name-encodings.json"
if [[ -f "$output" ]] && grep -q "\"key\":\"$key\"" <(head -c 200 "$output"); then
  echo "$output"
  exit 0
fi

mkdir -p "$cache/reference"
NODE_PATH="$node_dir/node_modules" node "$scripts/encode_reference.cjs" \
  "$tokenizer_dir" "$work/corpus.json" "$key" "$output.part"
mv "$output.part" "$output"
echo "$output"
