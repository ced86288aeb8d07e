#!/usr/bin/env bash
# unjucks against Hygen on the same job, whole process, in the same run:
#   bench/hygen.sh [N]        (default 20 runs of each; UNJUCKS_BIN=path, default
#                              build/release/unjucks; this script builds nothing)
# Installs hygen@6.2.11 into bench/node_modules when missing (keeping nunjucks@3.2.4 there for
# bench/run.sh), copies bench/hygen/_templates (an EJS generator equivalent to the built-in
# `command citty`) into a temporary directory, then N times, alternating, runs
#   unjucks generate command citty hello --builtin   (the embedded generator)
#   hygen command citty hello                   (HYGEN_TMPLS=the EJS copy, stdin /dev/null)
# each in a fresh output directory. Wall time: bash's EPOCHREALTIME around a direct run (the
# 10 ms resolution of /usr/bin/time is too coarse); peak RSS: a second run of each under
# /usr/bin/time -v ("Maximum resident set size"). Prints medians, min/max and the ratios, and
# diffs the generated files (default variables, and a second set of variables) to prove the
# two generators wrote the same thing. Exit status 1 if the outputs differ.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs="${1:-20}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "hygen.sh: N must be a positive number" >&2; exit 2; }
bin="${UNJUCKS_BIN:-$root/build/release/unjucks}"
[[ -x "$bin" ]] || {
  echo "hygen.sh: no unjucks binary at $bin (build it: scripts/build.sh release, or set UNJUCKS_BIN)" >&2
  exit 2
}
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# --- tools ---------------------------------------------------------------------------------
SUDO=""; [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
if [[ ! -x /usr/bin/time ]]; then
  echo "hygen.sh: installing time" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
if ! grep -qs '"version": "6.2.11"' bench/node_modules/hygen/package.json; then
  echo "hygen.sh: installing hygen@6.2.11 into bench/node_modules" >&2
  # npm prunes what it was not asked for: keep bench/run.sh's peer.
  keep=()
  grep -qs '"version": "3.2.4"' bench/node_modules/nunjucks/package.json && keep=(nunjucks@3.2.4)
  npm install --prefix bench --no-save --no-package-lock --no-audit --no-fund \
    hygen@6.2.11 "${keep[@]}" >/dev/null
fi
hygen="$root/bench/node_modules/hygen/dist/bin.js"
node_bin="$(command -v node)"

# The EJS templates and the output directories live apart, so that unjucks cannot find the
# EJS _templates/ in a parent of its output directory (--builtin makes sure of it too).
tmp="$(mktemp -d /tmp/unjucks-hygen-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/hygen" "$tmp/out"
cp -r bench/hygen/_templates "$tmp/hygen/_templates"
export HYGEN_TMPLS="$tmp/hygen/_templates"
export NO_COLOR=1

# The command line of one generator: "unjucks" or "hygen", then the arguments after the action.
command_of() {
  local kind=$1; shift
  if [[ $kind == unjucks ]]; then
    cmd=("$bin" generate command citty "$@" --builtin)
  else
    cmd=("$node_bin" "$hygen" command citty "$@")
  fi
}
# One run in a fresh directory `dir` (no subshell: cd there and back, so the timing holds only
# the generator's own process).
run_in() {
  local kind=$1 dir=$2; shift 2
  mkdir -p "$dir"
  command_of "$kind" "$@"
  cd "$dir"
  "${cmd[@]}" </dev/null >/dev/null 2>"$tmp/err" ||
    { cd "$root"; echo "hygen.sh: $kind failed:" >&2; cat "$tmp/err" >&2; exit 1; }
  cd "$root"
}
# Wall seconds of one run in a fresh directory.
wall() {
  local kind=$1 dir=$2; shift 2
  mkdir -p "$dir"
  command_of "$kind" "$@"
  cd "$dir"
  local t0=$EPOCHREALTIME
  "${cmd[@]}" </dev/null >/dev/null 2>"$tmp/err" ||
    { cd "$root"; echo "hygen.sh: $kind failed:" >&2; cat "$tmp/err" >&2; exit 1; }
  local t1=$EPOCHREALTIME
  cd "$root"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
}
# Peak RSS (KiB) of one run in a fresh directory.
rss() {
  local kind=$1 dir=$2; shift 2
  mkdir -p "$dir"
  command_of "$kind" "$@"
  cd "$dir"
  /usr/bin/time -v -o "$tmp/time.txt" "${cmd[@]}" </dev/null >/dev/null 2>&1 ||
    { cd "$root"; echo "hygen.sh: $kind failed under /usr/bin/time" >&2; exit 1; }
  cd "$root"
  awk -F': *' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt"
}

# --- equivalence ---------------------------------------------------------------------------
differ=0
check_same() {
  local label=$1; shift
  local u="$tmp/out/eq-$label-unjucks" h="$tmp/out/eq-$label-hygen"
  run_in unjucks "$u" "$@"
  run_in hygen "$h" "$@"
  local files
  files=$(cd "$u" && find . -type f | sort | tr '\n' ' ')
  if diff -r "$u" "$h" >"$tmp/diff.txt"; then
    echo "outputs ($label): identical ($files)"
  else
    echo "outputs ($label): DIFFERENT"
    sed 's/^/  /' "$tmp/diff.txt"
    differ=1
  fi
}
echo "unjucks: $bin"
hygen_version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' bench/node_modules/hygen/package.json)
echo "hygen:   $hygen_version (node $("$node_bin" --version))"
check_same defaults hello
check_same options hello --commandDescription "Manages the deploy queue" --withOptions false \
  --withSubcommands true --withTests false

# --- timing --------------------------------------------------------------------------------
: >"$tmp/unjucks.wall"; : >"$tmp/hygen.wall"; : >"$tmp/unjucks.rss"; : >"$tmp/hygen.rss"
for ((i = 1; i <= runs; i++)); do
  wall unjucks "$tmp/out/w-u-$i" hello >>"$tmp/unjucks.wall"
  wall hygen "$tmp/out/w-h-$i" hello >>"$tmp/hygen.wall"
  rss unjucks "$tmp/out/r-u-$i" hello >>"$tmp/unjucks.rss"
  rss hygen "$tmp/out/r-h-$i" hello >>"$tmp/hygen.rss"
  rm -rf "$tmp"/out/w-?-"$i" "$tmp"/out/r-?-"$i"
done

# median min max of a file of numbers
stats() { sort -g "$1" | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'; }
read -r uw uwmin uwmax < <(stats "$tmp/unjucks.wall")
read -r hw hwmin hwmax < <(stats "$tmp/hygen.wall")
read -r ur urmin urmax < <(stats "$tmp/unjucks.rss")
read -r hr hrmin hrmax < <(stats "$tmp/hygen.rss")

echo
echo "generate command citty hello: $runs runs each, median (min-max)"
awk -v uw="$uw" -v uwmin="$uwmin" -v uwmax="$uwmax" -v hw="$hw" -v hwmin="$hwmin" -v hwmax="$hwmax" \
    -v ur="$ur" -v urmin="$urmin" -v urmax="$urmax" -v hr="$hr" -v hrmin="$hrmin" -v hrmax="$hrmax" 'BEGIN {
  printf "  %-8s %10s %21s %10s %21s\n", "", "wall", "", "peak RSS", ""
  printf "  %-8s %8.2f ms  (%7.2f - %7.2f ms)  %6.1f MiB (%5.1f - %5.1f MiB)\n", "unjucks",
         uw * 1000, uwmin * 1000, uwmax * 1000, ur / 1024, urmin / 1024, urmax / 1024
  printf "  %-8s %8.2f ms  (%7.2f - %7.2f ms)  %6.1f MiB (%5.1f - %5.1f MiB)\n", "hygen",
         hw * 1000, hwmin * 1000, hwmax * 1000, hr / 1024, hrmin / 1024, hrmax / 1024
  printf "  hygen / unjucks: %.1fx the wall time, %.1fx the peak RSS\n", hw / uw, hr / ur
}'
echo "  (load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
exit "$differ"
