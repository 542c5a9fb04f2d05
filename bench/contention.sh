#!/usr/bin/env bash
# Contention (issue #17): no office's save may wait more than 1 s behind another office's import. Per database: a
# generated province (N households with funds), one app node, and 32 simulated village and town offices saving a
# household each (read its bank account, write it back with its version token) as fast as they can — first alone (the
# baseline), then while bench.town imports a 附件1 of R rows (the app's own import job, in another process on the same
# database). Prints and writes docs/performance-contention.md: the saves' p50/p95/p99/max and errors in both runs, and
# the import's time.
# Usage: bench/contention.sh [households=20000] [import rows=100000] ["sqlite postgres"] [seconds=30]
# REUSE=dir measures a copy of the generated SQLite file dir/sqlite/tongxing.db (the import would otherwise add its rows to
# the kept data); REUSE_PGDIR/REUSE_PGPORT a copy (CREATE DATABASE … TEMPLATE) of a kept PostgreSQL's tongxing_bench.
# OUT=file writes the table there.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/mixed-nodes.sh
households=${1:-20000}; rows=${2:-100000}; providers=${3:-"sqlite postgres"}; secs=${4:-30}
pgport=5443; port=5173
out=${OUT:-docs/performance-contention.md}
[ -z "${REUSE_PGDIR:-}" ] || pgport=${REUSE_PGPORT:?REUSE_PGPORT}
[ -n "${NO_BUILD:-}" ] || mixed_build
work=$(mktemp -d /tmp/tongxing-contention.XXXXXX)
APP_PID=""
trap '[ -z "$APP_PID" ] || kill $APP_PID 2>/dev/null || true; [ -n "${REUSE_PGDIR:-}" ] || bench_pg_stop; rm -rf "$work"' EXIT
declare -A R
cli() { env "${E[@]}" dotnet "$app_dll" --contentRoot "$bench_root/src/Tongxing.Web" "$@"; }
saves() { # SECONDS OUT: the 32 offices saving, no think time
  DOTNET_gcServer=0 dotnet "$load_dll" --base "http://127.0.0.1:$port" --officials "$work/savers.txt" --count 32 --seconds "$1" \
    --think 0.001 --saves-only --photo "$bench_root/src/Tongxing.Web/wwwroot/icons/icon-192.png" --out "$2" >/dev/null
  awk -F'\t' '$1=="save"{print $2, $6, $8, $9, $10, $11}' "$2"
}
for provider in $providers; do
  echo "== $provider"
  rm -rf "$work/data"; mkdir -p "$work/data/uploads"
  if [ "$provider" = postgres ] && [ -z "${REUSE_PGDIR:-}" ]; then bench_pg_start $pgport; fi
  read -ra E <<<"$(bench_env "$provider" "$work/data" "$pgport")"
  if [ "$provider" = postgres ] && [ -n "${REUSE_PGDIR:-}" ]; then
    psql -h 127.0.0.1 -p $pgport -U postgres -qc 'DROP DATABASE IF EXISTS tongxing_contention' -c 'CREATE DATABASE tongxing_contention TEMPLATE tongxing_bench'
    E=("${E[@]/Database=tongxing_bench/Database=tongxing_contention}")
  fi
  # The import runs in its own process: the node's worker must not claim it first; no second factor for the benchmark's accounts.
  E+=(Jobs__Worker=false Security__RequireTwoFactorRoles__0=Administrator Security__RequireTwoFactorRoles__1=Administrator)
  if [ -n "${REUSE:-}" ] && [ "$provider" = sqlite ]; then cp "$REUSE/sqlite/tongxing.db" "$work/data/"; echo "   copy of $REUSE/sqlite";
  elif [ -n "${REUSE_PGDIR:-}" ] && [ "$provider" = postgres ]; then echo "   copy of the kept tongxing_bench";
  else cli generate "$households" --funds | tail -1; fi
  cli bench-officials 200 "$work/officials.txt" | tail -1
  awk '$2=="VillageBranch" || $2=="TownCommittee"' "$work/officials.txt" > "$work/savers.txt"
  cli bench-import-file "$rows" "$work/import.xlsx" | tail -1
  bench_app $port "${E[@]}"
  saves 10 "$work/warm.tsv" >/dev/null
  read -r n err p50 p95 p99 max <<<"$(saves "$secs" "$work/base.tsv")"
  R[$provider-base]="$n $err $p50 $p95 $p99 $max"
  echo "   alone:       $n saves, $err errors, p50 $p50 p95 $p95 p99 $p99 max $max ms"
  start=$SECONDS
  cli bench-import full "$work/import.xlsx" > "$work/import.log" 2>&1 &
  import_pid=$!
  sleep 3 # the import's check pass reads first; the writing begins after it
  read -r n err p50 p95 p99 max <<<"$(saves "$secs" "$work/during.tsv")"
  running=$(kill -0 $import_pid 2>/dev/null && echo yes || echo no)
  wait $import_pid || true
  R[$provider-during]="$n $err $p50 $p95 $p99 $max"
  R[$provider-import]="$((SECONDS - start)) $running $(grep -o 'rowsPerSecond=[0-9]*' "$work/import.log" | cut -d= -f2) $(grep -c 'PROGRESS.*导入' "$work/import.log" || true)"
  echo "   during import: $n saves, $err errors, p50 $p50 p95 $p95 p99 $p99 max $max ms (import still running at the end: $running)"
  tail -2 "$work/import.log"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  if [ "$provider" = postgres ] && [ -n "${REUSE_PGDIR:-}" ]; then psql -h 127.0.0.1 -p $pgport -U postgres -qc 'DROP DATABASE tongxing_contention';
  elif [ "$provider" = postgres ]; then bench_pg_stop; fi
done
{
  echo "# Saves while another office imports (bench/contention.sh, $(date -u +%Y-%m-%d))"
  echo
  echo "Machine: $(bench_machine), app, database and load generator on it together; load average at the end $(uptime | sed 's/.*load average: //')."
  if [ -n "${REUSE:-}${REUSE_PGDIR:-}" ]; then echo "Data: copies of kept databases (REUSE=${REUSE:-} REUSE_PGDIR=${REUSE_PGDIR:-}), $households households as generated there."; fi
  echo "Province of $households households with funds; 32 village and town offices each saving a household's bank account (read,"
  echo "then write with its version token), no think time, for $secs s — alone, then while bench.town imports a 附件1 of $rows rows"
  echo "(the app's import job in another process on the same database; its check pass first, then chunks of 500)."
  echo
  echo "| database | run | saves | errors | p50 ms | p95 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|---|"
  for provider in $providers; do
    for run in base during; do
      read -r n err p50 p95 p99 max <<<"${R[$provider-$run]}"
      echo "| $provider | $([ $run = base ] && echo alone || echo "during the import") | $n | $err | $p50 | $p95 | $p99 | $max |"
    done
  done
  echo
  echo "| database | import wall time (s) | still running when the saves stopped | import rows/s |"
  echo "|---|---|---|---|"
  for provider in $providers; do
    read -r t running rps _ <<<"${R[$provider-import]}"
    echo "| $provider | $t | $running | ${rps:-?} |"
  done
} > "$out"
cat "$out"
