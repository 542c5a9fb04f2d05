#!/usr/bin/env bash
# The whole programme year at N households (`generate N --full`) into SQLite and then into a throwaway PostgreSQL,
# one after the other: rows per table, seconds per stage and in all, database size on disk and the process's peak
# memory. Writes docs/performance-generate.md.
# Usage: bench/generate.sh [households]   (default 1000000)
# PROVIDERS='postgres' generates into one database only; KEEP_PG=1 leaves the PostgreSQL cluster running afterwards (its
# folder and port are printed) so that bench/scale.sh can measure it (REUSE_PGDIR); OUT=file writes the table there.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-1000000}
pgport=${PGPORT_GENERATE:-5440}
out=${OUT:-docs/performance-generate.md}
providers=${PROVIDERS:-sqlite postgres}
command -v /usr/bin/time >/dev/null || { echo "GNU time missing: apt-get install -y time"; exit 1; }
dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=$bench_root/src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-bench-generate.XXXXXX)
if [ -n "${KEEP_PG:-}" ]; then trap 'rm -rf "$work"' EXIT; else trap 'bench_pg_stop || true; rm -rf "$work"' EXIT; fi
bench_pg_start "$pgport"
[ -z "${KEEP_PG:-}" ] || echo "== PostgreSQL kept running afterwards: REUSE_PGDIR=$PGDIR port $pgport"
psql() { command psql -h 127.0.0.1 -p "$pgport" -U postgres -d tongxing_bench -tAc "$1"; }
tables="Households Members HouseholdEvents FundEntries PaymentBatches Payments Helpers Pairings SupportLogs Visits HouseholdOutcomes TownReports AuditEntries"

declare -A R
for provider in $providers; do
  data=$work/$provider; mkdir -p "$data"
  read -ra envs <<<"$(bench_env $provider "$data" "$pgport")"
  echo "== $provider: generate $households --full ($(uptime | sed 's/.*load average: //') load)"
  start=$(date +%s.%N)
  # Workstation GC, so that peak memory follows what the generator holds (as bench/data.sh measures).
  env "${envs[@]}" DOTNET_gcServer=0 /usr/bin/time -v dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" generate "$households" --full >"$work/$provider.log" 2>&1 \
    || { echo "!! failed:"; tail -30 "$work/$provider.log"; exit 1; }
  R[$provider.total]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.0f", e-s}')
  R[$provider.rss]=$(awk '/Maximum resident set size/{printf "%.0f", $6/1024}' "$work/$provider.log")
  R[$provider.result]=$(grep '^RESULT' "$work/$provider.log" | sed 's/^RESULT //')
  R[$provider.load]=$(uptime | sed 's/.*load average: //')
  for t in $tables; do
    if [ "$provider" = postgres ]; then n=$(psql "SELECT count(*) FROM \"$t\""); else n=$(sqlite3 "$data/tongxing.db" "SELECT count(*) FROM \"$t\""); fi
    R[$provider.$t]=$n
  done
  if [ "$provider" = postgres ]; then
    R[$provider.bytes]=$(psql "SELECT pg_database_size('tongxing_bench')")
    R[$provider.verify]=$(env "${envs[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" verify-audit 2>&1 | tail -1)
  else
    R[$provider.bytes]=$(du -cb "$data"/tongxing.db* | tail -1 | cut -f1)
    R[$provider.verify]=$(env "${envs[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" verify-audit 2>&1 | tail -1)
  fi
  echo "   ${R[$provider.total]} s, ${R[$provider.rss]} MB peak, $(( ${R[$provider.bytes]} / 1048576 )) MB on disk; ${R[$provider.verify]}"
done

mb() { [ -n "${R[$1.bytes]:-}" ] && echo $(( ${R[$1.bytes]} / 1048576 )) || echo —; }
get() { tr ' ' '\n' <<<"${R[$1.result]:-}" | awk -F= -v k="$2" '$1==k{print $2}'; }
{
  echo "# The generated programme year (generate N --full)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/generate.sh $households\` on $(bench_machine), a machine shared with other"
  echo "work (load average at the end of each run in the table). SQLite first, then a throwaway PostgreSQL 15 (default durability,"
  echo "\`shared_buffers=1GB\`); one process each, its peak memory the maximum resident set (workstation GC). The year is seen from"
  echo "2020-12-15 (\`GenerateYearSpread.Today\`). Time per stage: building the records through the model (survey, funds, pairing,"
  echo "follow-up, reports) and writing them (bulk: binary COPY on PostgreSQL, prepared INSERTs on SQLite, one transaction per"
  echo "district); the total adds start-up, areas, the audit entries and ANALYZE / VACUUM ANALYZE."
  echo
  echo "| | SQLite | PostgreSQL |"
  echo "|---|---|---|"
  for t in $tables; do echo "| rows: $t | ${R[sqlite.$t]:-—} | ${R[postgres.$t]:-—} |"; done
  for s in survey funds pairing followUp reports write; do echo "| seconds: $s | $(get sqlite seconds.$s) | $(get postgres seconds.$s) |"; done
  echo "| **seconds in all** | **${R[sqlite.total]:-—}** | **${R[postgres.total]:-—}** |"
  echo "| database on disk (MB) | $(mb sqlite) (file with WAL) | $(mb postgres) (pg_database_size) |"
  echo "| peak RSS (MB) | ${R[sqlite.rss]:-—} | ${R[postgres.rss]:-—} |"
  echo "| load average after | ${R[sqlite.load]:-—} | ${R[postgres.load]:-—} |"
  echo "| verify-audit | ${R[sqlite.verify]:-—} | ${R[postgres.verify]:-—} |"
} >"$out"
cat "$out"
