#!/usr/bin/env bash
# Benchmarks 2, 3 and 5 of issue #6 on SQLite and PostgreSQL: 附件1 import of 10,000 and 100,000 rows against the raw
# limit (MiniExcel read + bulk insert of the same rows), exports of 附件1 and the work ledger at 10,000 and 100,000
# rows, and re-screening every member of the generated province. Every measurement is its own process, so its peak
# memory (max RSS, from /usr/bin/time -v) is its own. Writes docs/performance-data.md.
# Usage: bench/data.sh [households in the province] [import sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-100000}
shift || true
sizes=("${@:-10000 100000}"); read -ra sizes <<<"${sizes[*]}"
pgport=5441
only=${ONLY:-all}   # ONLY=import: the import runs alone, written to docs/performance-import.md
out=docs/performance-data.md; [ "$only" = import ] && out=docs/performance-import.md
command -v /usr/bin/time >/dev/null || { echo "GNU time missing: apt-get install -y time"; exit 1; }
dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=$bench_root/src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-bench-data.XXXXXX)
trap 'bench_pg_stop || true; rm -rf "$work"' EXIT
bench_pg_start $pgport

# measure NAME ENV... -- ARGS...: runs the app command under /usr/bin/time; keeps its RESULT line plus maxrss=MB.
declare -A R
measure() {
  local name=$1; shift
  local envs=(); while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  local log=$work/$name.log
  # Workstation GC: the server GC of a web app lets the heap grow with the allocation rate, which would hide whether
  # the code itself holds more memory for more rows.
  env "${envs[@]}" DOTNET_gcServer=0 /usr/bin/time -v dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" "$@" >"$log" 2>&1 || { echo "!! $name failed:"; tail -20 "$log"; return 1; }
  grep '^PROGRESS' "$log" | sed 's/^/     /' | head -40 || true
  local rss; rss=$(awk '/Maximum resident set size/{printf "%.0f", $6/1024}' "$log")
  R[$name]="$(grep '^RESULT' "$log" | sed 's/^RESULT //') maxrss=${rss}"
  echo "   $name: ${R[$name]}"
}
get() { tr ' ' '\n' <<<"${R[$1]}" | awk -F= -v k="$2" '$1==k{print $2}'; }

for n in "${sizes[@]}"; do
  read -ra e <<<"$(bench_env sqlite "$work/file" 0)"
  mkdir -p "$work/file"
  [ -f "$work/file/tongxing.db" ] || env "${e[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" generate 2000 >/dev/null
  measure "file-$n" "${e[@]}" -- bench-import-file "$n" "$work/import-$n.xlsx"
done

for provider in sqlite postgres; do
  base=$work/$provider-base; mkdir -p "$base"
  read -ra envs <<<"$(bench_env $provider "$base" $pgport)"
  echo "== $provider: generating $households households"
  env "${envs[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" generate "$households" | tail -1
  # Make sure the run is on the database it claims to be (a wrong environment would silently fall back to SQLite).
  if [ "$provider" = postgres ]; then
    echo "   PostgreSQL holds $(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc 'SELECT count(*) FROM "Households"') households"
  else
    echo "   SQLite file: $(ls -la "$base"/tongxing.db)"
  fi
  # A fresh copy of the generated database for each import run.
  fresh() {
    local dir=$work/$provider-run; rm -rf "$dir"; mkdir -p "$dir"
    if [ "$provider" = sqlite ]; then cp "$base/tongxing.db" "$dir/"; echo "Database__DataFolder=$dir"
    else
      psql -h 127.0.0.1 -p $pgport -U postgres -qc "DROP DATABASE IF EXISTS tongxing_run" -c "CREATE DATABASE tongxing_run TEMPLATE tongxing_bench" >/dev/null
      echo "ConnectionStrings__Tongxing=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=tongxing_run"
    fi
  }
  for n in "${sizes[@]}"; do
    for mode in raw full; do
      echo "== $provider: import $n rows ($mode)"
      measure "$provider-import-$mode-$n" "${envs[@]}" "$(fresh)" -- bench-import $mode "$work/import-$n.xlsx"
    done
    [ "$only" = import ] && continue
    for what in attachment1 ledger; do
      echo "== $provider: export $what $n rows"
      measure "$provider-export-$what-$n" "${envs[@]}" -- bench-export $what "$n" "$work/export.xlsx"
    done
  done
  [ "$only" = import ] && continue
  echo "== $provider: screening every member"
  measure "$provider-screen" "${envs[@]}" "$(fresh)" -- bench-screen
done

{
  echo "# Import, export and screening at province scale (SQLite and PostgreSQL)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`ONLY=$only bench/data.sh $households ${sizes[*]}\` on $(bench_machine). One process per"
  echo "measurement; peak memory is that process's maximum resident set (the app with its runtime, ~100 MB of it before any work),"
  echo "with the workstation GC (\`DOTNET_gcServer=0\`) so that it follows what the code holds rather than the server GC's budget."
  echo "The database holds the generated province ($households households) before each run; each import starts from a fresh copy."
  echo
  echo "## 附件1 import (benchmark 2)"
  echo
  echo "raw = MiniExcel reads the file and the same rows are inserted in batches of 2,000 without screening, duplicate checks,"
  echo "audit entries. full = the app's import job as bench.town, in one pass: check each chunk of 500 (form rules, duplicates in the"
  echo "file and in the register) and write it, all in one transaction, with screening, history and one audit entry per household."
  echo
  echo "| database | rows | file | raw rows/s | full rows/s | full ÷ raw | raw peak MB | full peak MB |"
  echo "|---|---|---|---|---|---|---|---|"
  for p in sqlite postgres; do for n in "${sizes[@]}"; do
    raw=$(get "$p-import-raw-$n" rowsPerSecond); full=$(get "$p-import-full-$n" rowsPerSecond)
    echo "| $p | $n | $(( $(get "file-$n" bytes) / 1024 )) KB | $raw | $full | $(awk -v a="$full" -v b="$raw" 'BEGIN{printf "%.2f", a/b}') | $(get "$p-import-raw-$n" maxrss) | $(get "$p-import-full-$n" maxrss) |"
  done; done
  [ "$only" = import ] && exit 0
  echo
  echo "## Exports (benchmark 3)"
  echo
  echo "| database | export | rows | rows/s | seconds | file | peak MB |"
  echo "|---|---|---|---|---|---|---|"
  for p in sqlite postgres; do for what in attachment1 ledger; do for n in "${sizes[@]}"; do
    k="$p-export-$what-$n"; echo "| $p | $what | $n | $(get "$k" rowsPerSecond) | $(get "$k" seconds) | $(( $(get "$k" bytes) / 1024 )) KB | $(get "$k" maxrss) |"
  done; done; done
  echo
  echo "## Screening every member (benchmark 5)"
  echo
  echo "The reference date of all programmes moved a year on, then every household re-screened by the app's batch re-screening"
  echo "(read 500 households with members, evaluate, write changed outcomes with a history entry)."
  echo
  echo "| database | households | members | outcomes changed | seconds | members/s | peak MB |"
  echo "|---|---|---|---|---|---|---|"
  for p in sqlite postgres; do k="$p-screen"; echo "| $p | $(get "$k" households) | $(get "$k" members) | $(get "$k" changed) | $(get "$k" seconds) | $(get "$k" membersPerSecond) | $(get "$k" maxrss) |"; done
} > "$out"
cat "$out"
