#!/usr/bin/env bash
# Hygen and unjucks side by side on the same Hygen generators, after `unjucks migrate`:
#   bench/hygen-compat.sh [N]   (default 5 timed rounds; UNJUCKS_BIN=path, default
#                                build/release/unjucks; this script builds nothing)
# Installs hygen@6.2.11 into bench/node_modules when missing (as bench/hygen.sh does), copies
# bench/hygen-compat/_templates (EJS generators: change-case and inflection helpers, prompt.js
# questions, if/else, forEach, for...of, assignments, template literals, <%_ _%> and -%>, <%%
# literals, Vue mustaches, injections, a conditional `to:`, Hygen's _default action) twice,
# converts one copy with `unjucks migrate`, then runs every line of bench/hygen-compat/scenarios
#   hygen <scenario>                       (HYGEN_TMPLS = the EJS copy)
#   unjucks generate <scenario>            (--templates = the converted copy)
# each in a fresh folder seeded with bench/hygen-compat/seed, stdin /dev/null. Reports, per
# scenario and in total, the files both wrote and how many are byte-for-byte identical; then
# the wall time of the whole list for each tool (N rounds, alternating; medians, min-max).
# Exit status 1 if any file differs or is missing on one side.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs="${1:-5}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "hygen-compat.sh: N must be a positive number" >&2; exit 2; }
bin="${UNJUCKS_BIN:-$root/build/release/unjucks}"
[[ -x "$bin" ]] || {
  echo "hygen-compat.sh: no unjucks binary at $bin (build it: scripts/build.sh release, or set UNJUCKS_BIN)" >&2
  exit 2
}
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

if ! grep -qs '"version": "6.2.11"' bench/node_modules/hygen/package.json; then
  echo "hygen-compat.sh: installing hygen@6.2.11 into bench/node_modules" >&2
  keep=()
  grep -qs '"version": "3.2.4"' bench/node_modules/nunjucks/package.json && keep=(nunjucks@3.2.4)
  npm install --prefix bench --no-save --no-package-lock --no-audit --no-fund \
    hygen@6.2.11 "${keep[@]}" >/dev/null
fi
hygen="$root/bench/node_modules/hygen/dist/bin.js"
node_bin="$(command -v node)"
src=bench/hygen-compat

tmp="$(mktemp -d /tmp/unjucks-hygen-compat-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/hygen" "$tmp/unjucks" "$tmp/out"
cp -r "$src/_templates" "$tmp/hygen/_templates"
cp -r "$src/_templates" "$tmp/unjucks/_templates"
export NO_COLOR=1 HYGEN_TS=1700000000000

echo "unjucks: $bin"
echo "hygen:   $(sed -n 's/^  "version": "\(.*\)",$/\1/p' bench/node_modules/hygen/package.json) (node $("$node_bin" --version))"
echo
echo "unjucks migrate:"
(cd "$tmp/unjucks" && "$bin" migrate _templates) | sed -n '/^unjucks migrate/,$p' | sed 's/^/  /'

mapfile -t scenarios < <(grep -v '^\s*\(#\|$\)' "$src/scenarios")

# Runs scenario $2 with tool $1 in a fresh folder $3.
run_one() {
  local kind=$1 line=$2 dir=$3
  local -a words
  eval "words=($line)"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$src/seed/." "$dir/"
  if [[ $kind == hygen ]]; then
    (cd "$dir" && HYGEN_TMPLS="$tmp/hygen/_templates" "$node_bin" "$hygen" "${words[@]}") \
      </dev/null >"$dir.log" 2>&1 || { echo "hygen failed on: $line" >&2; cat "$dir.log" >&2; return 1; }
  else
    (cd "$dir" && "$bin" generate "${words[@]}" --templates "$tmp/unjucks/_templates") \
      </dev/null >"$dir.log" 2>&1 || { echo "unjucks failed on: $line" >&2; cat "$dir.log" >&2; return 1; }
  fi
}

# --- equivalence ---------------------------------------------------------------------------
differ=0 total=0 same=0
for i in "${!scenarios[@]}"; do
  line=${scenarios[$i]}
  h="$tmp/out/eq-$i-hygen" u="$tmp/out/eq-$i-unjucks"
  run_one hygen "$line" "$h"
  run_one unjucks "$line" "$u"
  files=$( (cd "$h" && find . -type f; cd "$u" && find . -type f) | sort -u)
  n=0 ok=0
  while IFS= read -r f; do
    [[ -z $f ]] && continue
    n=$((n + 1))
    if [[ -f "$h/$f" && -f "$u/$f" ]] && cmp -s "$h/$f" "$u/$f"; then
      ok=$((ok + 1))
    else
      differ=1
      echo "  DIFFERENT ${f#./} ($line)"
      diff -u --label "hygen/${f#./}" --label "unjucks/${f#./}" "$h/$f" "$u/$f" 2>&1 | sed 's/^/    /' || true
    fi
  done <<<"$files"
  total=$((total + n)) same=$((same + ok))
  printf '  %-70s %2d/%-2d identical\n' "$line" "$ok" "$n"
done
echo "files: $same of $total identical"

# --- timing --------------------------------------------------------------------------------
: >"$tmp/unjucks.wall"; : >"$tmp/hygen.wall"
all() {
  local kind=$1 round=$2
  for i in "${!scenarios[@]}"; do run_one "$kind" "${scenarios[$i]}" "$tmp/out/t-$kind-$round-$i"; done
}
for ((r = 1; r <= runs; r++)); do
  t0=$EPOCHREALTIME; all unjucks "$r"; t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' >>"$tmp/unjucks.wall"
  t0=$EPOCHREALTIME; all hygen "$r"; t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }' >>"$tmp/hygen.wall"
  rm -rf "$tmp"/out/t-*
done
stats() { sort -g "$1" | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'; }
read -r uw uwmin uwmax < <(stats "$tmp/unjucks.wall")
read -r hw hwmin hwmax < <(stats "$tmp/hygen.wall")
echo
echo "the ${#scenarios[@]} scenarios in a row (each in a fresh seeded folder, copying included):" \
  "$runs rounds, median (min-max)"
awk -v uw="$uw" -v uwmin="$uwmin" -v uwmax="$uwmax" -v hw="$hw" -v hwmin="$hwmin" -v hwmax="$hwmax" \
    -v n="${#scenarios[@]}" 'BEGIN {
  printf "  %-8s %9.1f ms  (%7.1f - %7.1f ms)  %6.1f ms a scenario\n", "unjucks", uw * 1000,
         uwmin * 1000, uwmax * 1000, uw * 1000 / n
  printf "  %-8s %9.1f ms  (%7.1f - %7.1f ms)  %6.1f ms a scenario\n", "hygen", hw * 1000,
         hwmin * 1000, hwmax * 1000, hw * 1000 / n
  printf "  hygen / unjucks: %.1fx the wall time\n", hw / uw
}'
echo "  (load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
exit "$differ"
