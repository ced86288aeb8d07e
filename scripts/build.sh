#!/usr/bin/env bash
# Configures and builds one configuration: scripts/build.sh [release|asan] (default release).
# The binary lands in build/<config>/unjucks.
set -euo pipefail
cd "$(dirname "$0")/.."
cfg="${1:-release}"
scripts/setup.sh
case "$cfg" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan)    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DUNJUCKS_SANITIZE=ON) ;;
  *) echo "usage: scripts/build.sh [release|asan]" >&2; exit 1 ;;
esac
cmake -S . -B "build/$cfg" -G Ninja -DUNJUCKS_WERROR=ON "${flags[@]}" >/dev/null
cmake --build "build/$cfg"
