#!/usr/bin/env bash
# Batch generation against the machine's floor and a Node.js user's Nunjucks, in the same run:
#   bench/batch.sh [ROUNDS]      (default 3 rounds; UNJUCKS_BIN=path, default build/release/unjucks)
# For 10,000 and 100,000 records of the `component` workload (../shared/bench/workloads, one
# 2.7 KB file per record, the workload's data.json as --vars, the record giving `name`):
#   floor     ../shared/bench/floor.c: a C loop of open/write/close of the same number of files
#   floor-2t  bench/floor_threads.c: the same loop split over 2 threads (how far the file
#             system itself scales from 1 to 2 cores: the bound on -j 2 over -j 1)
#   atomic, atomic-2t  bench/floor_threads.c's `atomic` loop, on 1 and 2 threads: each file
#             written as unjucks writes it, so that it is never seen partly written (O_TMPFILE
#             open, write, linkat, close), without rendering: the floor for that, and how far
#             it scales
#   unjucks   `unjucks batch component new` (bench/batch/_templates) with -j 1 and -j 2
#   nunjucks  ../shared/bench/peers/nunjucks-batch.js: Nunjucks 3.2.4 + fs.writeFileSync
# Each run writes into a fresh directory on the same file system, in rotating order; the
# directories are removed only at the end (ext4 makes file creation slower for a while after
# many deletions, which would penalize whichever tool ran next); the median of ROUNDS is
# reported. Files per second count the
# whole process (start-up included) for unjucks; the floor and Nunjucks time their own loops.
# Peak RSS is /usr/bin/time's. Then: unjucks with --memory-limit 32MiB on 100,000 records (peak
# RSS must stay under the limit), and a byte comparison of one file against Nunjucks' output.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds="${1:-3}"
bin="${UNJUCKS_BIN:-$root/build/release/unjucks}"
[[ -x "$bin" ]] || { echo "batch.sh: no unjucks binary at $bin (scripts/build.sh release)" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
shared="${UNJUCKS_SHARED:-$root/../shared}"
workload="$shared/bench/workloads/component"
[[ -x /usr/bin/time ]] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
if ! grep -qs '"version": "3.2.4"' bench/node_modules/nunjucks/package.json; then
  keep=()
  grep -qs '"version": "6.2.11"' bench/node_modules/hygen/package.json && keep=(hygen@6.2.11)
  npm install --prefix bench --no-save --no-package-lock --no-audit --no-fund \
    nunjucks@3.2.4 "${keep[@]}" >/dev/null
fi
# ext4 without a journal (this VM's) skips, when it allocates an inode, every free inode whose
# deletion time is under 60 s old (360 s while its inode table block is still dirty), looking
# each one up: right after a large deletion, such as the previous run's cleanup of ~700,000
# files, creating a file costs 3-4x the kernel time for every tool, and runs vary wildly. So the
# cleanup time is recorded and a run starting within 6 minutes of it waits until then.
settle="${BATCH_TMP:-/tmp}/unjucks-batch-bench.cleaned"
if [[ -f "$settle" ]]; then
  wait_s=$(( $(cat "$settle") + 360 - $(date +%s) ))
  if (( wait_s > 0 )); then
    echo "batch.sh: the last run's cleanup was under 6 minutes ago; waiting ${wait_s}s" >&2
    sleep "$wait_s"
  fi
fi
tmp="$(mktemp -d "${BATCH_TMP:-/tmp}/unjucks-batch-bench.XXXXXX")"
trap 'rm -rf "$tmp"; sync; date +%s > "$settle"' EXIT
gcc -O2 -o "$tmp/floor" "$shared/bench/floor.c"
gcc -O2 -pthread -o "$tmp/floor-threads" bench/floor_threads.c
for n in 10000 100000; do
  awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "{\"name\":\"Component%d\"}\n", i }' \
    > "$tmp/records-$n.jsonl"
done

# run_one TOOL N -> prints "files_per_s peak_rss_kb"
run_one() {
  local tool=$1 n=$2 t0 t1 kb rate out
  out="$(mktemp -u "$tmp/out-$tool-$n.XXXXXX")"
  # Every run starts with nothing dirty in the page cache: with ext4's delayed allocation, the
  # writeback of the earlier runs' files (blocks allocated then, by kernel threads, from 30 s
  # after the write) would otherwise take CPU from whichever run comes next, and most from -j 2,
  # which has no idle core to leave it. And, where we may (root), with the kernel's caches of
  # inodes and directory entries emptied of the earlier runs' millions of files (clean by now):
  # creating files got slower round after round as they piled up.
  sync
  [[ -w /proc/sys/vm/drop_caches ]] && echo 2 > /proc/sys/vm/drop_caches
  case $tool in
    floor)
      rate=$(/usr/bin/time -f '%M' -o "$tmp/time" "$tmp/floor" "$out" "$n" |
        sed 's/.*"files_per_s": \([0-9]*\).*/\1/')
      ;;
    floor-2t | atomic | atomic-2t)
      local threads=2 mode=()
      [[ $tool == atomic ]] && threads=1
      [[ $tool == atomic* ]] && mode=(atomic)
      rate=$(/usr/bin/time -f '%M' -o "$tmp/time" "$tmp/floor-threads" "$out" "$n" "$threads" \
        "${mode[@]}" | sed 's/.*"files_per_s": \([0-9]*\).*/\1/')
      ;;
    nunjucks)
      rate=$(NODE_PATH="$root/bench/node_modules" /usr/bin/time -f '%M' -o "$tmp/time" \
        node "$shared/bench/peers/nunjucks-batch.js" "$workload" "$out" "$n" |
        sed 's/.*"files_per_s":\([0-9]*\).*/\1/')
      ;;
    unjucks-j1 | unjucks-j2 | unjucks-limit)
      local j=${tool#unjucks-j} extra=()
      [[ $tool == unjucks-limit ]] && { j=2; extra=(--memory-limit 32MiB); }
      t0=$EPOCHREALTIME
      (cd "$root/bench/batch" && /usr/bin/time -f '%M' -o "$tmp/time" "$bin" batch component new \
        --data "$tmp/records-$n.jsonl" --vars "$workload/data.json" --dest "$out" -j "$j" \
        --quiet --no-progress "${extra[@]}")
      t1=$EPOCHREALTIME
      rate=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
      ;;
  esac
  kb=$(tail -1 "$tmp/time")
  local files
  files=$(find "$out" -type f | wc -l)
  [[ $files -eq $n ]] || { echo "batch.sh: $tool wrote $files files, not $n" >&2; exit 1; }
  [[ $tool == nunjucks ]] && cp "$out/Component77.tsx" "$tmp/nunjucks-77.tsx"
  [[ $tool == unjucks-j2 ]] && cp "$out/Component77.tsx" "$tmp/unjucks-77.tsx"
  echo "$rate $kb"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

tools=(floor floor-2t atomic atomic-2t unjucks-j1 unjucks-j2 nunjucks)
declare -A rate rss
caches="synced before each run"
[[ -w /proc/sys/vm/drop_caches ]] && caches+=", inode and dentry caches dropped"
echo "batch: component workload, $rounds rounds, median ($caches);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 10000 100000; do
  declare -A rates=() rsses=()
  for ((r = 0; r < rounds; r++)); do
    for ((k = 0; k < ${#tools[@]}; k++)); do
      tool=${tools[$(((k + r) % ${#tools[@]}))]}
      read -r fr kb < <(run_one "$tool" "$n")
      rates[$tool]+="$fr "
      rsses[$tool]+="$kb "
    done
  done
  for tool in "${tools[@]}"; do
    rate[$tool,$n]=$(tr ' ' '\n' <<< "${rates[$tool]}" | grep . | median)
    rss[$tool,$n]=$(tr ' ' '\n' <<< "${rsses[$tool]}" | grep . | median)
    printf '%7d records  %-11s %8d files/s  peak RSS %7.1f MB   (rounds: %s)\n' "$n" "$tool" \
      "${rate[$tool,$n]}" "$(awk -v k="${rss[$tool,$n]}" 'BEGIN { print k / 1024 }')" \
      "${rates[$tool]% }"
  done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for n in 10000 100000; do
  echo "$n records: -j2 = $(ratio "${rate[unjucks-j2,$n]}" "${rate[floor,$n]}")x the floor," \
    "$(ratio "${rate[unjucks-j2,$n]}" "${rate[atomic,$n]}")x the atomic floor," \
    "$(ratio "${rate[unjucks-j2,$n]}" "${rate[nunjucks,$n]}")x Nunjucks;" \
    "-j2/-j1 = $(ratio "${rate[unjucks-j2,$n]}" "${rate[unjucks-j1,$n]}")x" \
    "(2 threads/1: the floor's $(ratio "${rate[floor-2t,$n]}" "${rate[floor,$n]}")x," \
    "the atomic floor's $(ratio "${rate[atomic-2t,$n]}" "${rate[atomic,$n]}")x)"
done
echo "peak RSS 100,000 vs 10,000 records (-j2): $(ratio "${rss[unjucks-j2,100000]}" "${rss[unjucks-j2,10000]}")x"
read -r lr lkb < <(run_one unjucks-limit 100000)
printf 'with --memory-limit 32MiB, 100000 records: %d files/s, peak RSS %.1f MB (limit 32 MiB)\n' \
  "$lr" "$(awk -v k="$lkb" 'BEGIN { print k / 1024 }')"
if cmp -s "$tmp/nunjucks-77.tsx" "$tmp/unjucks-77.tsx"; then
  echo "output: Component77.tsx byte-identical to Nunjucks'"
else
  echo "output: Component77.tsx DIFFERS from Nunjucks'" >&2
  exit 1
fi
