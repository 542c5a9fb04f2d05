#!/usr/bin/env bash
# The progress dashboard (工作进度) read from the counts maintained as the records change (ADR 0032), at province scale:
# the generator's province of N households with their money (`generate N --funds`), every one paired (`bench-visits pair`).
# Measured: the district's and the region's dashboard (API and whole page) against a bare read of the counts table doing the
# same indexed work in the same run (per town and measure for the district, per district and measure for the region), at 1
# and 32 concurrent connections; also the time of `recount` and `recount --check` over the whole province.
# Writes docs/performance-dashboard-counts.md.
# Usage: bench/dashboard-counts.sh [households] [requests] [providers]  (NO_BUILD=1 skips the build.)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-100000}
requests=${2:-300}
providers=${3:-"sqlite postgres"}
port=5160; pgport=5445
out=docs/performance-dashboard-counts.md
[ -n "${NO_BUILD:-}" ] || dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-bench-dashboard-counts.XXXXXX)
trap 'kill ${APP_PID:-999999} 2>/dev/null || true; bench_pg_stop || true; rm -rf "$work"' EXIT
case " $providers " in *" postgres "*) bench_pg_start $pgport ;; esac

declare -A R
rows=()
area() { curl -s -H "Cookie: $1" "http://127.0.0.1:$port/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/'; }
seconds() { local t0; t0=$(date +%s.%N); "$@" >/dev/null; awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{ printf "%.1f", b - a }'; }

for provider in $providers; do
  data=$work/$provider; mkdir -p "$data"
  read -ra envs <<<"$(bench_env $provider "$data" $pgport)"
  if [ "$provider" = postgres ]; then
    psql -h 127.0.0.1 -p $pgport -U postgres -tAc 'DROP DATABASE IF EXISTS tongxing_bench' >/dev/null
  fi
  echo "== $provider: generating $households households"
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" generate "$households" --funds | tail -1
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" bench-visits pair | grep RESULT
  R[$provider,recount]=$(seconds env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" recount)
  R[$provider,check]=$(seconds env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" recount --check)
  R[$provider,rows]=$(env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" recount | grep -o '[0-9]*项' | tr -d '项')
  bench_app $port "${envs[@]}"
  base="http://127.0.0.1:$port"
  district_cookie=$(bench_login $port bench.district); region_cookie=$(bench_login $port bench.region)
  district=$(area "$district_cookie")
  R[$provider,shape]=$(curl -s -H "Cookie: $district_cookie" "$base/api/v1/dashboard" | grep -o '"registered":[0-9]*' | head -1 | cut -d: -f2)
  for u in "/bench/baseline-dashboard-counts?district=$district" "/api/v1/dashboard" "/Dashboard"; do timings 4 60 "$district_cookie" "$base$u" >/dev/null; done
  for u in "/bench/baseline-dashboard-counts" "/api/v1/dashboard" "/Dashboard"; do timings 4 60 "$region_cookie" "$base$u" >/dev/null; done
  for c in 1 32; do
    rows+=("$provider|district|$c|baseline: counts table per town and measure, bare HTML|$(timings $c "$requests" "$district_cookie" "$base/bench/baseline-dashboard-counts?district=$district")")
    rows+=("$provider|district|$c|\`GET /api/v1/dashboard\` district|$(timings $c "$requests" "$district_cookie" "$base/api/v1/dashboard")")
    rows+=("$provider|district|$c|\`GET /Dashboard\` whole page, district|$(timings $c "$requests" "$district_cookie" "$base/Dashboard")")
    rows+=("$provider|region|$c|baseline: counts table per district and measure, bare HTML|$(timings $c "$requests" "$region_cookie" "$base/bench/baseline-dashboard-counts")")
    rows+=("$provider|region|$c|\`GET /api/v1/dashboard\` region|$(timings $c "$requests" "$region_cookie" "$base/api/v1/dashboard")")
    rows+=("$provider|region|$c|\`GET /Dashboard\` whole page, region|$(timings $c "$requests" "$region_cookie" "$base/Dashboard")")
  done
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
done

{
  echo "# Progress dashboard (工作进度) from maintained counts at $households households"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/dashboard-counts.sh $households $requests \"$providers\"\` on $(bench_machine), shared with other work (other builds, tests and"
  echo "benchmarks ran at the same time); app, database and client on the same machine. \`generate $households --funds\`, then every household"
  echo "paired (\`bench-visits pair\`). The dashboard reads the counts kept per village and measure (ADR 0032) at every level; only visits due"
  echo "and overdue (which depend on today's date) are counted per request, at district level. The baseline reads the same counts table by"
  echo "the same index (per town and measure for the district, per district and measure for the region), rendered as a bare table, with no"
  echo "sign-in, programme, quota, visits or phases. $requests requests per row (curl, after a warm-up), at 1 and 32 concurrent connections;"
  echo "latencies in ms; the ratio is the baseline's throughput share: baseline p50 ÷ p50 (≥ 0.75 is the issue's target)."
  echo
  for p in $providers; do
    echo "- $p: the district's dashboard shows ${R[$p,shape]} registered households; ${R[$p,rows]} counts; \`recount\` of the whole province ${R[$p,recount]} s, \`recount --check\` ${R[$p,check]} s (process start included)"
  done
  echo
  echo "| database | data | conn. | request | p50 | p95 | p99 | max | baseline p50 ÷ p50 | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  b50=1
  for r in "${rows[@]}"; do
    IFS='|' read -r p label c what timing <<<"$r"
    read -r t50 t95 t99 tmax terr <<<"$timing"
    case "$what" in baseline*) b50=$t50 ;; esac
    echo "| $p | $label | $c | $what | $t50 | $t95 | $t99 | $tmax | $(awk -v a="$t50" -v b="$b50" 'BEGIN{ if (a > 0) printf "%.2f", b/a; else print "—" }') | $terr |"
  done
} > "$out"
cat "$out"
