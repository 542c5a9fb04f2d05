#!/usr/bin/env bash
# The reconciliation (资金对账) at province scale: the generator's province with funds (four households in five filed
# and paid through batches, a few failed or reversed, most receipted), then for one generated district the
# reconciliation API and page against a bare baseline (one indexed SUM … GROUP BY over the district's ledger lines),
# p50/p95/p99 over some hundreds of requests at a few concurrent connections; and the server's memory while exporting
# the reconciliation workbook, at this size and at a small province (flat: the workbook holds figures, not rows).
# Writes docs/performance-reconciliation.md. Usage: bench/reconciliation.sh [households] [requests] [providers]
# (NO_BUILD=1 skips the build, for a tree built already.)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-100000}
requests=${2:-400}
providers=${3:-sqlite}
small=5000
port=5201; pgport=5441
out=docs/performance-reconciliation.md
[ -n "${NO_BUILD:-}" ] || dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
sizes=$households; [ "$households" = "$small" ] || sizes="$households $small"
work=$(mktemp -d /tmp/tongxing-bench-recon.XXXXXX)
trap 'kill ${APP_PID:-999999} 2>/dev/null || true; bench_pg_stop || true; rm -rf "$work"' EXIT
case " $providers " in *" postgres "*) bench_pg_start $pgport ;; esac

rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$APP_PID/status"; }
hwm() { awk '/VmHWM/{print int($2/1024)}' "/proc/$APP_PID/status"; }

declare -A R
for provider in $providers; do
  for size in $sizes; do
    data=$work/$provider-$size; mkdir -p "$data"
    read -ra envs <<<"$(bench_env $provider "$data" $pgport)"
    if [ "$provider" = postgres ]; then
      psql -h 127.0.0.1 -p $pgport -U postgres -tAc 'DROP DATABASE IF EXISTS tongxing_bench' >/dev/null
    fi
    echo "== $provider: generating $size households with funds"
    start=$(date +%s.%N)
    env "${envs[@]}" dotnet src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll --contentRoot "$bench_root/src/Tongxing.Web" generate "$size" --funds | tail -1
    R[$provider,$size,generate]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
    bench_app $port "${envs[@]}"
    cookie=$(bench_login $port bench.district)
    district=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/')
    base="http://127.0.0.1:$port"
    api=$(curl -s -H "Cookie: $cookie" "$base/api/v1/funds/reconciliation")
    R[$provider,$size,shape]="$(( $(grep -o '"balanced"' <<<"$api" | wc -l) - 1 )) towns, $(grep -o '"kind"' <<<"$api" | wc -l) flags"
    R[$provider,$size,lines]=$(curl -s "$base/bench/baseline-funds?district=$district" | grep -o '<tr>' | wc -l)
    if [ "$size" = "$households" ]; then
      echo "== $provider: warming up"
      for u in "/bench/baseline-funds?district=$district" /api/v1/funds/reconciliation /Funds/Reconciliation; do timings 4 200 "$cookie" "$base$u" >/dev/null; done
      echo "== $provider: district $district (${R[$provider,$size,shape]})"
      for c in 1 8; do
        R[$provider,base,$c]=$(timings $c "$requests" "$cookie" "$base/bench/baseline-funds?district=$district")
        R[$provider,api,$c]=$(timings $c "$requests" "$cookie" "$base/api/v1/funds/reconciliation")
        R[$provider,page,$c]=$(timings $c "$requests" "$cookie" "$base/Funds/Reconciliation")
      done
    fi
    echo "== $provider: export memory at $size households"
    curl -s -o /dev/null -H "Cookie: $cookie" "$base/api/v1/funds/reconciliation/export"
    before=$(rss)
    peak=$before
    for i in $(seq 1 100); do
      curl -s -o "$work/r.xlsx" -H "Cookie: $cookie" "$base/api/v1/funds/reconciliation/export"
      now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
    done
    R[$provider,$size,export]="$before $peak $(hwm) $(stat -c %s "$work/r.xlsx")"
    kill $APP_PID; wait $APP_PID 2>/dev/null || true
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "—" }'; }
{
  echo "# Reconciliation (资金对账) at $households households with payments"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/reconciliation.sh $households $requests \"$providers\"\` on $(bench_machine); app, database and client on the same machine."
  echo "\`generate $households --funds\`: four households in five filed, each district's arrivals and each town's allocations exactly its need,"
  echo "one bank batch per town (≈3 % failed, ≈2 % paid then reversed, the rest paid; ≈85 % of paid receipted)."
  echo "The district user is the organization department of one generated district (ViewFunds). $requests requests per row (curl, after a warm-up),"
  echo "at 1 and at 8 concurrent connections; latencies in ms. The baseline is one indexed SUM … GROUP BY (town, kind, source) over the"
  echo "district's ledger lines through the app's DB connection, rendered as a bare table, with no sign-in or rules."
  echo
  echo "| request | database | conn. | p50 | p95 | p99 | max | p95 vs baseline | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for p in $providers; do
    for c in 1 8; do
      read -r b50 b95 b99 bmax berr <<<"${R[$p,base,$c]}"
      echo "| baseline: SUM … GROUP BY, bare HTML | $p | $c | $b50 | $b95 | $b99 | $bmax | 1.0 | $berr |"
      for k in api page; do
        read -r p50 p95 p99 pmax perr <<<"${R[$p,$k,$c]}"
        label=$([ $k = api ] && echo '`GET /api/v1/funds/reconciliation`' || echo '`GET /Funds/Reconciliation` whole page')
        echo "| $label | $p | $c | $p50 | $p95 | $p99 | $pmax | $(ratio "$p95" "$b95") | $perr |"
      done
    done
  done
  echo
  echo "Export memory: the server's resident set before 100 exports of the district's reconciliation workbook, the highest seen"
  echo "between them, and the process's high-water mark (VmHWM, since start) — at $households and at $small households."
  echo
  echo "| database | households | district | ledger groups (baseline rows) | generate | RSS before (MB) | RSS peak during exports (MB) | VmHWM (MB) | workbook (bytes) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for p in $providers; do
    for size in $sizes; do
      read -r before peak high bytes <<<"${R[$p,$size,export]}"
      echo "| $p | $size | ${R[$p,$size,shape]} | ${R[$p,$size,lines]} | ${R[$p,$size,generate]} s | $before | $peak | $high | $bytes |"
    done
  done
} > "$out"
cat "$out"
