# shellcheck shell=bash
# Makes `node` a Node.js new enough for lienthong (>= 22.12; .nvmrc says 24).
# Source it, do not run it:   . scripts/ensure-node.sh
# When the node on PATH is older (these machines ship Node 20, past its end of
# life), Node 24 is installed once from the npm registry into .lienthong/node
# (git-ignored) and put first on PATH for this shell.

_lienthong_node_is_recent() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1)' 2>/dev/null
}

_lienthong_ensure_node() {
  local root node_dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  node_dir="$root/.lienthong/node"
  if _lienthong_node_is_recent; then
    return 0
  fi
  if [ ! -x "$node_dir/node_modules/.bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "ensure-node: node $(node --version 2>/dev/null || echo '(none)') is older than 22.12 and there is no npm to fetch Node 24 with; install Node 24 (see .nvmrc)" >&2
      return 1
    fi
    echo "ensure-node: node $(node --version 2>/dev/null || echo '(none)') is older than 22.12; installing Node 24 into .lienthong/node" >&2
    npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error node@24 >&2 || return 1
  fi
  export PATH="$node_dir/node_modules/.bin:$PATH"
  hash -r
  if ! _lienthong_node_is_recent; then
    echo "ensure-node: $node_dir holds node $(node --version), still older than 22.12" >&2
    return 1
  fi
  echo "ensure-node: using node $(node --version) from .lienthong/node" >&2
}

_lienthong_ensure_node
