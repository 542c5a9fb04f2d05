#!/usr/bin/env bash
# The return-visit lists (回访提醒, issue #15) at province scale: the generator's province of N households, every one
# paired with its visit schedule counting from a day spread over the last 120 days (bench-visits pair). Measured:
# the district's overdue and due lists (API and page) and a town's, against a bare baseline (the count and first page
# of the district's overdue households by one indexed range), and the region's counts (the only thing the region sees)
# against a bare grouped count; then every household moved into the one district (bench-visits concentrate) and the
# district measured again. p50/p95/p99 over some hundreds of requests (curl) at 1 and 4 concurrent connections.
# Writes docs/performance-visits.md. Usage: bench/visits.sh [households] [requests] [providers]  (NO_BUILD=1 skips the build.)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-100000}
requests=${2:-300}
providers=${3:-sqlite}
port=5203; pgport=5442
out=docs/performance-visits.md
[ -n "${NO_BUILD:-}" ] || dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-bench-visits.XXXXXX)
trap 'kill ${APP_PID:-999999} 2>/dev/null || true; bench_pg_stop || true; rm -rf "$work"' EXIT
case " $providers " in *" postgres "*) bench_pg_start $pgport ;; esac

json() { grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

declare -A R
rows=()
measure_district() { # LABEL
  local label=$1 base="http://127.0.0.1:$port"
  local cookie; cookie=$(bench_login $port bench.district)
  local town_cookie; town_cookie=$(bench_login $port bench.town)
  local district; district=$(curl -s -H "Cookie: $cookie" "$base/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/')
  local api; api=$(curl -s -H "Cookie: $cookie" "$base/api/v1/visits/due?state=overdue")
  R[$provider,$label,shape]="$(json paired <<<"$(grep -o '"totals":{[^}]*}' <<<"$api")") paired, $(json total <<<"$api") overdue"
  for u in "/bench/baseline-visits?district=$district" "/api/v1/visits/due?state=overdue" "/api/v1/visits/due" "/Pairing/Due?state=overdue"; do timings 4 100 "$cookie" "$base$u" >/dev/null; done
  for c in 1 4; do
    rows+=("$provider|$label|$c|baseline: count + first page of overdue, bare HTML|$(timings $c "$requests" "$cookie" "$base/bench/baseline-visits?district=$district")")
    rows+=("$provider|$label|$c|\`GET /api/v1/visits/due?state=overdue\` district|$(timings $c "$requests" "$cookie" "$base/api/v1/visits/due?state=overdue")")
    rows+=("$provider|$label|$c|\`GET /api/v1/visits/due\` (due this week) district|$(timings $c "$requests" "$cookie" "$base/api/v1/visits/due")")
    rows+=("$provider|$label|$c|\`GET /api/v1/visits/due?state=overdue&page=5\` district|$(timings $c "$requests" "$cookie" "$base/api/v1/visits/due?state=overdue&page=5")")
    rows+=("$provider|$label|$c|\`GET /Pairing/Due?state=overdue\` whole page, district|$(timings $c "$requests" "$cookie" "$base/Pairing/Due?state=overdue")")
    rows+=("$provider|$label|$c|\`GET /api/v1/visits/due?state=overdue\` town|$(timings $c "$requests" "$town_cookie" "$base/api/v1/visits/due?state=overdue")")
  done
}

for provider in $providers; do
  data=$work/$provider; mkdir -p "$data"
  read -ra envs <<<"$(bench_env $provider "$data" $pgport)"
  if [ "$provider" = postgres ]; then
    psql -h 127.0.0.1 -p $pgport -U postgres -tAc 'DROP DATABASE IF EXISTS tongxing_bench' >/dev/null
  fi
  echo "== $provider: generating $households households"
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" generate "$households" | tail -1
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" bench-visits pair | grep RESULT
  bench_app $port "${envs[@]}" Dashboard__CacheSeconds=0
  echo "== $provider: province distribution"
  measure_district province
  region_cookie=$(bench_login $port bench.region)
  base="http://127.0.0.1:$port"
  region=$(curl -s -H "Cookie: $region_cookie" "$base/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/')
  R[$provider,region,shape]="$(json paired <<<"$(grep -o '"totals":{[^}]*}' <<<"$(curl -s -H "Cookie: $region_cookie" "$base/api/v1/visits/due")")") paired"
  for u in "/bench/baseline-visits?region=$region" "/api/v1/visits/due"; do timings 4 100 "$region_cookie" "$base$u" >/dev/null; done
  for c in 1 4; do
    rows+=("$provider|region|$c|baseline: counts per city, bare HTML|$(timings $c "$requests" "$region_cookie" "$base/bench/baseline-visits?region=$region")")
    rows+=("$provider|region|$c|\`GET /api/v1/visits/due\` region (counts per city)|$(timings $c "$requests" "$region_cookie" "$base/api/v1/visits/due")")
  done
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" bench-visits concentrate | grep RESULT
  bench_app $port "${envs[@]}"
  echo "== $provider: every household in one district"
  measure_district district
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
done

{
  echo "# Return-visit lists (回访提醒) at $households paired households"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/visits.sh $households $requests \"$providers\"\` on $(bench_machine), shared with other work; app, database and client on the same machine."
  echo "\`generate $households\`, then every household paired (\`bench-visits pair\`), its schedule counting from a day spread evenly over the last"
  echo "120 days (quarterly visits, 15 days either side: about 12 % overdue, 30 % due this week). \"province\": the generator's spread"
  echo "(110 districts, about 909 households each; the district user is the organization department of one). \"district\": then every"
  echo "household moved into that one district (\`bench-visits concentrate\`) — $households paired households in one district."
  echo "$requests requests per row (curl, after a warm-up), at 1 and 4 concurrent connections; latencies in ms. The baseline is the"
  echo "count and first page of the district's overdue households by one indexed range on VisitsFrom (or, for the region, the grouped"
  echo "counts per city) through the app's DB connection, rendered as a bare table, with no sign-in, programme, names or helpers."
  echo
  for p in $providers; do
    echo "- $p: province distribution ${R[$p,province,shape]} in the district, region ${R[$p,region,shape]}; one district: ${R[$p,district,shape]}"
  done
  echo
  echo "| database | data | conn. | request | p50 | p95 | p99 | max | p95 vs baseline | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  b95=1
  for r in "${rows[@]}"; do
    IFS='|' read -r p label c what timing <<<"$r"
    read -r t50 t95 t99 tmax terr <<<"$timing"
    case "$what" in baseline*) b95=$t95 ;; esac
    echo "| $p | $label | $c | $what | $t50 | $t95 | $t99 | $tmax | $(awk -v a="$t95" -v b="$b95" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "—" }') | $terr |"
  done
} > "$out"
cat "$out"
