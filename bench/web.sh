#!/usr/bin/env bash
# Benchmarks 1, 4 and 6 of issue #6 on SQLite and PostgreSQL side by side: the household list and search against the
# bare baseline endpoint (32 connections), the district and region dashboards, and cold start to the first page.
# Writes docs/performance-web.md. Usage: bench/web.sh [households] [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-100000}
seconds=${2:-10}
port=5199; pgport=5440
out=docs/performance-web.md
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
work=$(mktemp -d /tmp/tongxing-bench.XXXXXX)
trap 'kill ${APP_PID:-999999} 2>/dev/null || true; bench_pg_stop || true; rm -rf "$work"' EXIT
bench_pg_start $pgport

declare -A R
for provider in sqlite postgres; do
  data=$work/$provider; mkdir -p "$data"
  read -ra envs <<<"$(bench_env $provider "$data" $pgport)"
  echo "== $provider: generating $households households"
  start=$(date +%s.%N)
  env "${envs[@]}" dotnet src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll --contentRoot "$bench_root/src/Tongxing.Web" generate "$households" | tail -1
  # Make sure the run is on the database it claims to be (a wrong environment would silently fall back to SQLite).
  if [ "$provider" = postgres ]; then
    echo "   PostgreSQL holds $(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc 'SELECT count(*) FROM "Households"') households"
  else
    echo "   SQLite file: $(ls -la "$data"/tongxing.db)"
  fi
  R[$provider,generate]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')

  # Cold start: process start to the first served sign-in page, 3 times, median.
  colds=()
  for _ in 1 2 3; do
    t0=$(date +%s%N); bench_app $port "${envs[@]}"
    curl -sf -o /dev/null "http://127.0.0.1:$port/Account/Login"; t1=$(date +%s%N)
    colds+=("$(( (t1 - t0) / 1000000 ))"); kill $APP_PID; wait $APP_PID 2>/dev/null || true
  done
  R[$provider,cold]=$(printf '%s\n' "${colds[@]}" | sort -n | sed -n 2p); R[$provider,coldspread]="$(printf '%s\n' "${colds[@]}" | sort -n | head -1)–$(printf '%s\n' "${colds[@]}" | sort -n | tail -1)"

  bench_app $port "${envs[@]}"
  district_cookie=$(bench_login $port bench.district); region_cookie=$(bench_login $port bench.region)
  district=$(curl -s -H "Cookie: $district_cookie" "http://127.0.0.1:$port/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/')
  base="http://127.0.0.1:$port"
  q=%E9%9F%A6 # 韦, the commonest surname in the generated names
  # Warm-up: the runtime recompiles hot code with better optimisation (tiered JIT) for its first minute or so of load;
  # measured before that settles, whatever runs first (the baseline) looks slower than it is.
  echo "== $provider: warming up (every URL twice, 5 s each)"
  for _ in 1 2; do
    for u in "/bench/baseline?district=$district&page=3" "/api/v1/households?page=3" "/Households?Page=3" "/bench/baseline?district=$district&q=$q" \
      "/api/v1/households?q=$q" "/bench/baseline?district=$district&tail=0012" "/api/v1/households?q=0012" "/api/v1/dashboard"; do
      wrk -t2 -c32 -d5s -H "Cookie: $district_cookie" "$base$u" >/dev/null
    done
    wrk -t2 -c8 -d5s -H "Cookie: $region_cookie" "$base/Dashboard" >/dev/null
  done
  echo "== $provider: list and search (district $district)"
  R[$provider,baseline]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/bench/baseline?district=$district&page=3")
  R[$provider,list]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/api/v1/households?page=3")
  R[$provider,page]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/Households?Page=3")
  R[$provider,searchbase]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/bench/baseline?district=$district&q=$q")
  R[$provider,search]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/api/v1/households?q=$q")
  R[$provider,tailbase]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/bench/baseline?district=$district&tail=0012")
  R[$provider,idtail]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/api/v1/households?q=0012")
  echo "== $provider: dashboards"
  R[$provider,dash_district]=$(bench_wrk 32 "$seconds" "$district_cookie" "$base/api/v1/dashboard")
  R[$provider,dash_region]=$(bench_wrk 32 "$seconds" "$region_cookie" "$base/api/v1/dashboard")
  R[$provider,dash_region8]=$(bench_wrk 8 "$seconds" "$region_cookie" "$base/api/v1/dashboard")
  R[$provider,dash_page]=$(bench_wrk 8 "$seconds" "$region_cookie" "$base/Dashboard")
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
  echo "== $provider: region dashboard counted on every request (cache off)"
  bench_app $port "${envs[@]}" Dashboard__CacheSeconds=0
  region_cookie=$(bench_login $port bench.region)
  wrk -t1 -c8 -d10s -H "Cookie: $region_cookie" "$base/api/v1/dashboard" >/dev/null # warm-up
  R[$provider,dash_live1]=$(bench_wrk 1 "$seconds" "$region_cookie" "$base/api/v1/dashboard")
  R[$provider,dash_live8]=$(bench_wrk 8 "$seconds" "$region_cookie" "$base/api/v1/dashboard")
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
  for k in baseline list page searchbase search tailbase idtail dash_district dash_region dash_region8 dash_page dash_live1 dash_live8; do echo "   $k: ${R[$provider,$k]}"; done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
row() { # label provider key baselinekey
  read -r rps p50 p95 p99 min max err <<<"${R[$2,$3]}"
  local vs="—"; [ -n "${4:-}" ] && vs=$(ratio "$rps" "$(cut -d' ' -f1 <<<"${R[$2,$4]}")")
  echo "| $1 | $2 | $rps ($min–$max) | $p50 | $p95 | $p99 | $vs | $err |"
}
{
  echo "# Web benchmarks at $households households (SQLite and PostgreSQL)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/web.sh $households $seconds\` on $(bench_machine); app, database and wrk on the same machine."
  echo "After a warm-up (every URL twice for 5 s, so the runtime's tiered JIT has settled), wrk -t2, ${seconds} s per run, 3 runs each:"
  echo "the median run by requests per second, with the lowest–highest of the three."
  echo "Latencies in ms. The district user is the organization department of one generated district (~$((households / 110)) households);"
  echo "the region user is the region's federation (all $households). Region dashboards are cached per node for 60 s unless marked \"cache off\"."
  echo
  echo "| request | database | req/s (spread) | p50 | p95 | p99 | vs its baseline | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for p in sqlite postgres; do
    row "baseline: one indexed query, bare HTML (32 conn.)" $p baseline
    row "\`GET /api/v1/households?page=3\` (32)" $p list baseline
    row "\`GET /Households?Page=3\` whole page (32)" $p page baseline
    row "baseline searched for 韦 (32)" $p searchbase
    row "\`GET /api/v1/households?q=韦\` (32)" $p search searchbase
    row "baseline searched for ID tail 0012 (32)" $p tailbase
    row "\`GET /api/v1/households?q=0012\` ID tail (32)" $p idtail tailbase
    row "\`GET /api/v1/dashboard\` district (32)" $p dash_district
    row "\`GET /api/v1/dashboard\` region (32)" $p dash_region
    row "\`GET /api/v1/dashboard\` region (8)" $p dash_region8
    row "\`GET /Dashboard\` region, whole page (8)" $p dash_page
    row "\`GET /api/v1/dashboard\` region, cache off (1)" $p dash_live1
    row "\`GET /api/v1/dashboard\` region, cache off (8)" $p dash_live8
  done
  echo
  echo "| database | generate $households households | cold start to first page (median, spread of 3) |"
  echo "|---|---|---|"
  for p in sqlite postgres; do echo "| $p | ${R[$p,generate]} s | ${R[$p,cold]} ms (${R[$p,coldspread]} ms) |"; done
} > "$out"
cat "$out"
