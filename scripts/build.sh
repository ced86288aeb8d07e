#!/usr/bin/env bash
# Configures and builds one configuration: scripts/build.sh [release|asan] (default release).
# The binary lands in build/<config>/unjucks.
set -euo pipefail
cd "$(dirname "$0")/.."
cfg="${1:-release}"
scripts/setup.sh
case "$cfg" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  # The sanitizer build is also the fuzz build (clang-14, libFuzzer coverage in every object):
  # the same objects serve the ASan+UBSan tests and link the fuzz targets (scripts/fuzz.sh).
  # Warnings are errors in the release build (GCC, the compiler of the product); clang's own
  # extra warnings are shown here but do not stop the sanitizer tests.
  asan)    flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14
                  -DUNJUCKS_SANITIZE=ON -DUNJUCKS_FUZZ=ON -DUNJUCKS_WERROR=OFF) ;;
  *) echo "usage: scripts/build.sh [release|asan]" >&2; exit 1 ;;
esac
# ccache, when installed, lets several checkouts and rebuilds share compiled objects.
if command -v ccache >/dev/null; then flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "build/$cfg" -G Ninja -DUNJUCKS_WERROR=ON "${flags[@]}" >/dev/null
cmake --build "build/$cfg"
