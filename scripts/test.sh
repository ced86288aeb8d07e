#!/usr/bin/env bash
# The whole test suite: release build + ctest, then the ASan+UBSan build (clang, also the fuzz
# build) + the same ctest, then every fuzz target for a short time on its seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
for cfg in release asan; do
  echo "=== $cfg build" >&2
  scripts/build.sh "$cfg"
  echo "=== $cfg tests" >&2
  (cd "build/$cfg" && ctest --output-on-failure -j2)
done
# 30 s per target finds what a change breaks in the shallow paths and replays the seeds (every
# conformance case and fixture) under ASan+UBSan and LeakSanitizer; the long runs are manual.
# Two targets at a time (one per core): 5 targets in about 100 s.
echo "=== fuzz" >&2
# Timeouts and out-of-memory findings of the random mutations are reported, not failing (see
# fuzz.sh); crashes, sanitizer reports and leaks fail the run.
UNJUCKS_FUZZ_BUILD=build/asan UNJUCKS_FUZZ_JOBS=2 UNJUCKS_FUZZ_RESOURCE=warn \
  scripts/fuzz.sh all "${UNJUCKS_FUZZ_SECONDS:-30}"
