#!/usr/bin/env bash
# Streaming output in constant memory: renders the big-output workload's template with enough
# rows for ~50 MB and ~500 MB of output straight to a file (unjucks render -o) and prints the peak
# RSS of each run and their difference (the target: under 1 MB apart).
#   bench/streaming.sh            (UNJUCKS_BIN=path to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${UNJUCKS_BIN:-build/release/unjucks}"
[[ -x "$bin" ]] || scripts/build.sh release >&2
shared="${UNJUCKS_SHARED:-$PWD/../shared}"
[[ -x /usr/bin/time ]] || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$shared/bench/workloads/big-output/template.njk" "$tmp/"
declare -A rss
for rows in 810000 8100000; do
  echo "{\"n\": $rows, \"prefix\": \"row\"}" > "$tmp/data.json"
  /usr/bin/time -v "$bin" render "$tmp/template.njk" --data "$tmp/data.json" -o "$tmp/out.txt" \
    2> "$tmp/time.txt"
  bytes=$(stat -c %s "$tmp/out.txt")
  kb=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$tmp/time.txt")
  wall=$(awk '/Elapsed/ {print $NF}' "$tmp/time.txt")
  rss[$rows]=$kb
  printf '%9d rows  %6.1f MB output  peak RSS %6d KB  wall %s\n' "$rows" \
    "$(awk -v b="$bytes" 'BEGIN { print b / 1000000 }')" "$kb" "$wall"
  rm -f "$tmp/out.txt"
done
printf 'peak RSS difference: %d KB\n' $(( ${rss[8100000]} - ${rss[810000]} ))
