#!/usr/bin/env bash
# Creates (once) the Python venv that runs the peer engines llguidance and xgrammar for MaskBench side by side,
# and prints its python path. Usage: scripts/install-peers.sh
# Pinned versions; no torch: xgrammar goes in with --no-deps plus apache-tvm-ffi, since PyPI's torch would pull
# gigabytes of CUDA packages that the numpy bitmasks never need (see shared/peers.md).
set -euo pipefail

base_pins=(llguidance==1.9.1 tokenizers==0.23.3 transformers==5.23.0 numpy==2.4.6)
xgrammar_pins=(apache-tvm-ffi==0.1.15.post2 xgrammar==0.2.8)

cache="${SCHEMAGATE_CACHE:-$HOME/.cache/schemagate}"
venv="$cache/peers-venv"
python="$venv/bin/python"
# Written after a complete install, so an interrupted one is redone rather than trusted.
base_stamp="$venv/.installed-base"
xgrammar_stamp="$venv/.installed-xgrammar"

command -v python3 >/dev/null || { echo "install-peers: python3 not found" >&2; exit 1; }
mkdir -p "$cache"
exec 9>"$cache/peers-venv.lock"
flock 9

pip_quiet() { "$python" -m pip install --quiet --disable-pip-version-check "$@" >&2; }

# The interpreter's version is part of the stamp: a venv outlives neither an upgrade nor a removal of it.
base_key="python$(python3 -c 'import platform; print(platform.python_version())') ${base_pins[*]}"
if [[ "$(cat "$base_stamp" 2>/dev/null)" != "$base_key" ]]; then
  echo "install-peers: creating $venv ($base_key)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  pip_quiet "${base_pins[@]}"
  "$python" -c 'import llguidance, llguidance.numpy, llguidance.hf, tokenizers, transformers, numpy' 2>/dev/null \
    || { echo "install-peers: llguidance does not import in $venv" >&2; exit 1; }
  echo "$base_key" >"$base_stamp"
fi

# xgrammar is optional: when it cannot be had here, llguidance still runs, and the next call tries again.
if [[ "$(cat "$xgrammar_stamp" 2>/dev/null)" != "${xgrammar_pins[*]}" ]]; then
  echo "install-peers: adding ${xgrammar_pins[*]} (xgrammar without its torch dependency)" >&2
  # tvm-ffi first: pip checks no dependencies after a --no-deps install, so xgrammar's torch is not reported.
  if pip_quiet "${xgrammar_pins[0]}" && pip_quiet --no-deps "${xgrammar_pins[1]}" \
      && "$python" -c 'import tvm_ffi' 2>/dev/null; then
    echo "${xgrammar_pins[*]}" >"$xgrammar_stamp"
  else
    echo "install-peers: warning: xgrammar could not be installed; only llguidance is available" >&2
  fi
fi

echo "$python"
