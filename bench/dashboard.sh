#!/usr/bin/env bash
# The progress dashboard (工作进度: counts per unit, funnel, money by source, visits, phases with who is behind, issue #16)
# and 我的待办 at province scale: the generator's province of N households, every one paired with a visit schedule
# (bench-visits pair). Measured: the district's dashboard (API and page, counted on every request) and the region's
# (API and page, kept Dashboard:CacheSeconds = 60 s, the page saying when it was counted; also its first, uncounted
# request), a town's dashboard, and /api/v1/me/next-actions for a district and a town user — each against a bare
# baseline in the same run (one grouped count of households per unit and state). p50/p95/p99 over some hundreds of
# requests (curl) at 1 and 4 concurrent connections. Writes docs/performance-dashboard.md.
# Usage: bench/dashboard.sh [households] [requests] [providers]  (NO_BUILD=1 skips the build.)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-100000}
requests=${2:-300}
providers=${3:-sqlite}
port=5207; pgport=5446
out=docs/performance-dashboard.md
[ -n "${NO_BUILD:-}" ] || dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-bench-dashboard.XXXXXX)
trap 'kill ${APP_PID:-999999} 2>/dev/null || true; bench_pg_stop || true; rm -rf "$work"' EXIT
case " $providers " in *" postgres "*) bench_pg_start $pgport ;; esac

declare -A R
rows=()
area() { curl -s -H "Cookie: $1" "http://127.0.0.1:$port/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/'; }
once() { curl -s -o /dev/null -H "Cookie: $1" -w '%{time_total}' "$2" | awk '{ printf "%.1f", $1 * 1000 }'; }

for provider in $providers; do
  data=$work/$provider; mkdir -p "$data"
  read -ra envs <<<"$(bench_env $provider "$data" $pgport)"
  if [ "$provider" = postgres ]; then
    psql -h 127.0.0.1 -p $pgport -U postgres -tAc 'DROP DATABASE IF EXISTS tongxing_bench' >/dev/null
  fi
  echo "== $provider: generating $households households"
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" generate "$households" --funds | tail -1
  env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" bench-visits pair | grep RESULT
  bench_app $port "${envs[@]}"
  base="http://127.0.0.1:$port"
  district_cookie=$(bench_login $port bench.district); town_cookie=$(bench_login $port bench.town); region_cookie=$(bench_login $port bench.region)
  district=$(area "$district_cookie"); region=$(area "$region_cookie")
  # The region's first request counts (nothing cached yet); every later one within 60 s reads the kept count.
  R[$provider,cold]=$(once "$region_cookie" "$base/api/v1/dashboard")
  R[$provider,shape]=$(curl -s -H "Cookie: $district_cookie" "$base/api/v1/dashboard" | grep -o '"registered":[0-9]*' | head -1 | cut -d: -f2)
  for u in "/bench/baseline-dashboard?district=$district" "/api/v1/dashboard" "/Dashboard" "/api/v1/me/next-actions"; do timings 4 60 "$district_cookie" "$base$u" >/dev/null; done
  for c in 1 4; do
    rows+=("$provider|district|$c|baseline: households per town and state, bare HTML|$(timings $c "$requests" "$district_cookie" "$base/bench/baseline-dashboard?district=$district")")
    rows+=("$provider|district|$c|\`GET /api/v1/dashboard\` district (live)|$(timings $c "$requests" "$district_cookie" "$base/api/v1/dashboard")")
    rows+=("$provider|district|$c|\`GET /Dashboard\` whole page, district (live)|$(timings $c "$requests" "$district_cookie" "$base/Dashboard")")
    rows+=("$provider|district|$c|\`GET /api/v1/me/next-actions\` district (区委组织部)|$(timings $c "$requests" "$district_cookie" "$base/api/v1/me/next-actions")")
    rows+=("$provider|district|$c|\`GET /api/v1/dashboard\` town (live)|$(timings $c "$requests" "$town_cookie" "$base/api/v1/dashboard")")
    rows+=("$provider|district|$c|\`GET /api/v1/me/next-actions\` town (镇党委)|$(timings $c "$requests" "$town_cookie" "$base/api/v1/me/next-actions")")
    rows+=("$provider|region|$c|baseline: households per programme and state, bare HTML|$(timings $c "$requests" "$region_cookie" "$base/bench/baseline-dashboard?region=$region")")
    rows+=("$provider|region|$c|\`GET /api/v1/dashboard\` region (kept 60 s)|$(timings $c "$requests" "$region_cookie" "$base/api/v1/dashboard")")
    rows+=("$provider|region|$c|\`GET /Dashboard\` whole page, region (kept 60 s)|$(timings $c "$requests" "$region_cookie" "$base/Dashboard")")
  done
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
done

{
  echo "# Progress dashboard (工作进度) and 我的待办 at $households households"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/dashboard.sh $households $requests \"$providers\"\` on $(bench_machine), shared with other work; app, database and client on the same machine."
  echo "\`generate $households --funds\` (110 districts, four households in five filed with their money arrived and allocated, about 909 households each), then every household paired (\`bench-visits pair\`) so that the"
  echo "funnel, visits due/overdue and agreements are counted over real rows. The district user is the organization department of one"
  echo "district (its dashboard counted on every request: per town and state, paid payments, the ledger by kind and source, visits,"
  echo "return visits, unsigned agreements, phases); the town user its first town; the region user sees the region's cities, counted"
  echo "once and kept \`Dashboard:CacheSeconds\` (60 s) — the page says when it was counted. The region's first, uncounted request took"
  echo "the time given below. $requests requests per row (curl, after a warm-up), at 1 and 4 concurrent connections; latencies in ms."
  echo "The baseline is one grouped count of households per unit and state through the app's DB connection, rendered as a bare table,"
  echo "with no sign-in, programme, quota, money, visits or phases."
  echo
  for p in $providers; do
    echo "- $p: the district's dashboard counts ${R[$p,shape]} registered households; the region's first (uncached) count took ${R[$p,cold]} ms"
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
