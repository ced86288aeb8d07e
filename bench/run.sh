#!/usr/bin/env bash
# End-to-end comparison with the peers on the shared workloads:
#   bench/run.sh [SECONDS] [WORKLOAD...]        (default 3 seconds, every workload)
# Builds the release binary (scripts/build.sh; UNJUCKS_BIN=path skips it), installs the peers
# when missing (nunjucks@3.2.4 into bench/node_modules, Debian python3-jinja2), renders each
# workload with unjucks, Nunjucks and Jinja2 for SECONDS each, and prints throughput, our ratio
# to each peer and every peak RSS (/usr/bin/time -v). big-output is also rendered once to a file
# (-o / --out) to show the streaming peak RSS. JSON lines land in bench/results/<time>.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds="${1:-3}"
shift || true
shared="${UNJUCKS_SHARED:-$root/../shared}"
workloads_dir="$shared/bench/workloads"
peers="$shared/bench/peers"

# --- build ---------------------------------------------------------------------------------
if [[ -n "${UNJUCKS_BIN:-}" ]]; then
  bin="$UNJUCKS_BIN"
else
  scripts/build.sh release >&2
  bin="$root/build/release/unjucks"
fi
[[ -x "$bin" ]] || { echo "run.sh: no unjucks binary at $bin" >&2; exit 1; }

# --- peers ---------------------------------------------------------------------------------
SUDO=""; [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
if [[ ! -f /usr/bin/time ]]; then
  echo "run.sh: installing time" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
if ! grep -qs '"version": "3.2.4"' bench/node_modules/nunjucks/package.json; then
  echo "run.sh: installing nunjucks@3.2.4 into bench/node_modules" >&2
  npm install --prefix bench --no-save --no-package-lock --no-audit --no-fund \
    nunjucks@3.2.4 >/dev/null
fi
export NODE_PATH="$root/bench/node_modules"
py=/usr/bin/python3
if ! "$py" -c 'import jinja2' 2>/dev/null; then
  echo "run.sh: installing python3-jinja2" >&2
  export DEBIAN_FRONTEND=noninteractive
  { $SUDO apt-get install -y -qq --no-install-recommends python3-jinja2 >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq >/dev/null &&
      $SUDO apt-get install -y -qq --no-install-recommends python3-jinja2 >/dev/null; }; } ||
    true
  "$py" -c 'import jinja2' 2>/dev/null || py=python3  # fall back to the python on PATH
fi

# --- runs ----------------------------------------------------------------------------------
mkdir -p bench/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="bench/results/$stamp.jsonl"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run NAME WORKLOAD CMD...: runs CMD under /usr/bin/time -v, appends its JSON line (or a
# synthetic one for file renders) with peak_rss_mb and wall_s to the results.
run() {
  local name="$1" workload="$2"
  shift 2
  local out="$tmp/out" err="$tmp/err"
  if ! /usr/bin/time -v "$@" >"$out" 2>"$err"; then
    echo "run.sh: $name on $workload failed:" >&2
    tail -5 "$err" >&2
    return 0
  fi
  local rss wall line
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$err")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$err")
  line=$(grep '^{' "$out" | tail -1 || true)
  [[ -n "$line" ]] || line='{}'
  jq -c --arg run "$name" --arg w "$workload" --arg stamp "$stamp" --argjson rss "$rss" \
    --arg wall "$wall" '. + {run: $run, workload: $w, stamp: $stamp, peak_rss_mb: $rss,
    wall: $wall}' <<<"$line" >>"$results"
}

if (($#)); then names=("$@"); else names=(); for d in "$workloads_dir"/*/; do names+=("$(basename "$d")"); done; fi
for w in "${names[@]}"; do
  d="$workloads_dir/$w"
  [[ -f "$d/template.njk" ]] || { echo "run.sh: no workload $w" >&2; continue; }
  echo "run.sh: $w" >&2
  run unjucks "$w" "$bin" render "$d/template.njk" --data "$d/data.json" --bench "$seconds"
  run nunjucks "$w" node "$peers/nunjucks-render.js" "$d" "$seconds"
  run jinja2 "$w" "$py" "$peers/jinja2-render.py" "$d" "$seconds"
  if [[ "$w" == big-output ]]; then
    run unjucks-to-file "$w" "$bin" render "$d/template.njk" --data "$d/data.json" -o "$tmp/big.out"
    run nunjucks-to-file "$w" node "$peers/nunjucks-render.js" "$d" 0 --out "$tmp/big.out"
  fi
done

# --- table ---------------------------------------------------------------------------------
jq -rs '
  def r(x): if x == null then "-" else (x * 100 | round / 100 | tostring) end;
  def get(w; n; f): (map(select(.workload == w and .run == n)) | first | .[f]);
  . as $all | ($all | map(select(.run | endswith("-to-file") | not)) | map(.workload) | unique)
  as $ws |
  ["workload", "unjucks r/s", "nunjucks r/s", "jinja2 r/s", "x nunjucks", "x jinja2",
   "MB/s unjucks", "peak RSS MB: unjucks", "nunjucks", "jinja2"],
  ($ws[] as $w | get($w; "unjucks"; "renders_per_s") as $u |
    get($w; "nunjucks"; "renders_per_s") as $n | get($w; "jinja2"; "renders_per_s") as $j |
    [$w, r($u), r($n), r($j),
     (if $u and $n then r($u / $n) else "-" end), (if $u and $j then r($u / $j) else "-" end),
     r(get($w; "unjucks"; "mb_per_s")), r(get($w; "unjucks"; "peak_rss_mb")),
     r(get($w; "nunjucks"; "peak_rss_mb")), r(get($w; "jinja2"; "peak_rss_mb"))]) | @tsv
' "$results" | column -t -s $'\t'
jq -r 'select(.run | endswith("-to-file")) |
  "\(.workload) rendered once to a file by \(.run | rtrimstr("-to-file")): peak RSS \(.peak_rss_mb) MB, wall \(.wall)"' "$results"
echo "results: $results" >&2
