#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan+UBSan) and runs each for a given time:
#   scripts/fuzz.sh TARGET|all SECONDS [-- LIBFUZZER_FLAGS...]
# TARGET is parse_fuzz, render_fuzz, frontmatter_fuzz, inject_fuzz, record_fuzz or migrate_fuzz
# (fuzz/).
# The build lives in $UNJUCKS_FUZZ_BUILD (default build/fuzz); each target's corpus in
# <build>/corpus/<target> (outside git; seeded by fuzz/make_corpus.py on first use and kept
# between runs so the fuzzer keeps what it learned); crashes in <build>/artifacts/<target>/.
# Every run appends a line to <build>/fuzz-log.tsv: date, target, seconds asked, executions,
# wall seconds, result. UNJUCKS_FUZZ_JOBS=N runs N targets at once; UNJUCKS_FUZZ_NO_BUILD=1
# runs the binaries already built. Exits non-zero when a target finds a crash, a leak, UB or a
# timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# < 2)); then
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS [-- LIBFUZZER_FLAGS...]" >&2
  exit 1
fi
what="$1"
seconds="$2"
shift 2
[ "${1:-}" = "--" ] && shift
build="${UNJUCKS_FUZZ_BUILD:-build/fuzz}"
all=(parse_fuzz render_fuzz frontmatter_fuzz inject_fuzz record_fuzz migrate_fuzz)

if [ "${UNJUCKS_FUZZ_NO_BUILD:-}" != 1 ]; then  # 1: run the binaries already built
  scripts/setup.sh
  # Same configuration as scripts/build.sh asan: the sanitizer build is the fuzz build.
  cmake -S . -B "$build" -G Ninja -DUNJUCKS_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DUNJUCKS_SANITIZE=ON -DUNJUCKS_FUZZ=ON -DUNJUCKS_WERROR=OFF \
    >/dev/null
  cmake --build "$build" --target fuzz_targets
fi

if [ "$what" = all ]; then
  targets=()
  for t in "${all[@]}"; do [ -x "$build/fuzz/$t" ] && targets+=("$t"); done
else
  targets=("$what")
fi

# Seeds come from the fixtures (rebuilt each run: new fixtures and regressions join in).
python3 fuzz/make_corpus.py "$build/corpus" 2>/dev/null

run_one() {
  local t="$1" bin="$build/fuzz/$1" corpus="$build/corpus/$1" artifacts="$build/artifacts/$1"
  mkdir -p "$corpus" "$artifacts"
  local flags=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
               -max_len=8192 -artifact_prefix="$artifacts/")
  case "$t" in parse_fuzz | render_fuzz | frontmatter_fuzz) flags+=(-dict=fuzz/nunjucks.dict) ;; esac
  echo "=== fuzz $t for ${seconds}s ($(ls "$corpus" | wc -l) inputs)" >&2
  local log="$build/fuzz-$t.log" start rc=0 wall execs result=ok
  start=$(date +%s)
  "$bin" "${flags[@]}" "${extra[@]}" "$corpus" >"$log" 2>&1 || rc=$?
  wall=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if ((rc != 0)); then
    result="failed($rc)"
    tail -n 60 "$log" >&2
    # With UNJUCKS_FUZZ_RESOURCE=warn (CI), a slow or memory-hungry input found by this run's
    # random mutations is reported with its reproducer but does not fail the run: a 30 s
    # mutation run is not deterministic, and resource findings are worked on from the saved
    # artifact. Crashes, sanitizer reports and leaks always fail.
    if [ "${UNJUCKS_FUZZ_RESOURCE:-fail}" = warn ] &&
       grep -qE 'libFuzzer: (timeout|out-of-memory)' "$log" &&
       ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
      result="resource-limit($rc), reproducer in $artifacts (reported, not failing)"
      rc=0
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$seconds" "${execs:-?}" "$wall" \
    "$result" >>"$build/fuzz-log.tsv"
  echo "=== $t: ${execs:-?} executions in ${wall}s: $result" >&2
  return "$rc"
}

# UNJUCKS_FUZZ_JOBS targets run at once (default 1; CI uses one per core).
extra=("$@")
jobs="${UNJUCKS_FUZZ_JOBS:-1}"
status=0
running=0
for t in "${targets[@]}"; do
  [ -x "$build/fuzz/$t" ] || { echo "fuzz: no target $t in $build/fuzz" >&2; exit 1; }
  if ((running >= jobs)); then
    wait -n || status=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || status=1
  running=$((running - 1))
done
exit "$status"
