# Sourced by the install-*.sh scripts: a cached, pinned install of Python packages (DIR/venv) and npm packages
# (DIR/node), each redone only when its pins, the Python version or the Node major changed.
#
# pinned_install NAME DIR PYTHON_CHECK NODE_CHECK     (with the caller's arrays python_pins and node_pins)
#   PYTHON_CHECK: Python code that must run in the venv; NODE_CHECK: a shell command that must succeed in DIR/node.
#   Prints DIR.
pinned_install() {
  local name="$1" dir="$2" python_check="$3" node_check="$4"
  local python="$dir/venv/bin/python"
  # Written after a complete install and its check, so an interrupted one is redone rather than trusted.
  local python_stamp="$dir/venv/.installed" node_stamp="$dir/node/.installed"

  command -v python3 >/dev/null || { echo "$name: python3 not found" >&2; return 1; }
  command -v node >/dev/null && command -v npm >/dev/null || { echo "$name: node and npm are needed" >&2; return 1; }

  # A venv outlives neither an upgrade nor a removal of its interpreter, and npm packages are checked per Node major.
  local python_key node_key
  python_key="python$(python3 -c 'import platform; print(platform.python_version())') ${python_pins[*]}"
  node_key="node$(node -p 'process.versions.node.split(".")[0]') ${node_pins[*]}"
  if [[ "$(cat "$python_stamp" 2>/dev/null)" == "$python_key" && "$(cat "$node_stamp" 2>/dev/null)" == "$node_key" ]]; then
    echo "$dir"
    return 0
  fi

  mkdir -p "$dir"
  exec 9>"$dir.lock"
  flock 9

  if [[ "$(cat "$python_stamp" 2>/dev/null)" != "$python_key" ]]; then
    echo "$name: creating $dir/venv ($python_key)" >&2
    rm -rf "$dir/venv"
    python3 -m venv "$dir/venv"
    "$python" -m pip install --quiet --disable-pip-version-check "${python_pins[@]}" >&2
    "$python" -c "$python_check" || { echo "$name: the Python packages do not work in $dir/venv" >&2; return 1; }
    echo "$python_key" >"$python_stamp"
  fi

  if [[ "$(cat "$node_stamp" 2>/dev/null)" != "$node_key" ]]; then
    echo "$name: installing ${node_pins[*]} into $dir/node" >&2
    rm -rf "$dir/node"
    mkdir -p "$dir/node"
    echo "{\"name\": \"schemagate-$name\", \"private\": true}" >"$dir/node/package.json"
    (cd "$dir/node" && npm install --silent --no-audit --no-fund --save-exact "${node_pins[@]}" >&2)
    (cd "$dir/node" && eval "$node_check") || { echo "$name: the npm packages do not work in $dir/node" >&2; return 1; }
    echo "$node_key" >"$node_stamp"
  fi
  echo "$dir"
}
