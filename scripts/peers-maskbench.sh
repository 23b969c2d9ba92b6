#!/usr/bin/env bash
# Runs a peer engine over MaskBench files with shared/tools/peers_maskbench.py, single-threaded, on the same
# Llama-3 tokenizer and (with --limit/--seed) the same file sample as `./schemagate maskbench`, so the two
# summaries can be compared as ratios from one sitting.
# Usage: scripts/peers-maskbench.sh [--limit N [--seed S]] [--timeout-s T] ENGINE OUT PATH...
#   ENGINE  llg | llguidance | xgr | xgrammar
#   OUT     summary JSON; per-schema lines go to OUT.per-schema.jsonl, the sampled file list to OUT.files.txt
#   e.g.    scripts/peers-maskbench.sh llg /tmp/llg.json ../shared/maskbench/data --limit 300 --seed 1
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(cd "$repo/.." && pwd)/shared"
tool="$shared/tools/peers_maskbench.py"

usage() {
  sed -n '5,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

limit="" seed=0 timeout_s=60 positional=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --limit) limit="${2:?--limit needs N}"; shift 2 ;;
    --seed) seed="${2:?--seed needs S}"; shift 2 ;;
    --timeout-s) timeout_s="${2:?--timeout-s needs T}"; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "peers-maskbench: unknown option $1" >&2; usage ;;
    *) positional+=("$1"); shift ;;
  esac
done
[[ ${#positional[@]} -ge 3 ]] || usage
engine="${positional[0]}" out="${positional[1]}" paths=("${positional[@]:2}")
case "$engine" in
  llg | llguidance) engine=llg ;;
  xgr | xgrammar) engine=xgr ;;
  *) echo "peers-maskbench: unknown engine '$engine' (expected llg or xgr)" >&2; exit 2 ;;
esac
[[ -f "$tool" ]] || { echo "peers-maskbench: $tool not found" >&2; exit 1; }

python="$("$repo/scripts/install-peers.sh")"
if [[ "$engine" == xgr ]] && ! "$python" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("xgrammar") is None)'; then
  echo "peers-maskbench: xgrammar is not installed in the peers venv (see scripts/install-peers.sh output)" >&2
  exit 1
fi
tokenizer="$("$repo/scripts/fetch-tokenizer.sh" llama3)"

mkdir -p "$(dirname "$out")"
if [[ -n "$limit" ]]; then
  # The peer tool has no sampling of its own: give it the list the Java runner's FileSampler picks.
  "$python" "$repo/scripts/maskbench_sample.py" --limit "$limit" --seed "$seed" "${paths[@]}" >"$out.files.txt"
  mapfile -t paths <"$out.files.txt"
fi

# One thread everywhere, as our runner measures on one thread (shared/peers.md: OpenMP/libuv pools oversubscribe).
export UV_THREADPOOL_SIZE=1 OMP_NUM_THREADS=1 RAYON_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false
exec "$python" "$tool" --engine "$engine" --tokenizer "$tokenizer" --out "$out" --timeout-s "$timeout_s" "${paths[@]}"
