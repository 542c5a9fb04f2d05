#!/usr/bin/env bash
# Backup and restore at scale, on SQLite and PostgreSQL: a province of N households (with funds) generated, backed up
# with the app's own `backup` command (SQLite's online backup; pg_dump -Fc for PostgreSQL) and uploads, restored with
# `restore` into a fresh instance, `verify-audit` run on it, the app started on the restored data and a list page and
# the dashboard asked for. Writes time and size to docs/performance-backup.md.
# Usage: bench/backup.sh [households=20000] [providers="sqlite postgres"]
#   SQLITE_DATA=dir: back up that existing SQLite data folder instead of generating one (e.g. after generate 1000000 --full);
#   REUSE_PGPORT=port: back up the database tongxing_bench of a PostgreSQL already running there (e.g. kept by
#   KEEP_PG=1 bench/generate.sh) instead of generating one; the restored copy is dropped afterwards and the server left running.
#   OUT=file: where the table goes (docs/performance-backup.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
n=${1:-20000}; providers=${2:-sqlite postgres}; pgport=${REUSE_PGPORT:-5442}
flock /tmp/tongxing-build.lock dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=$bench_root/src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-backup.XXXXXX)
app_pid=""
trap '[ -z "$app_pid" ] || kill "$app_pid" 2>/dev/null; [ -n "${REUSE_PGPORT:-}" ] || bench_pg_stop; rm -rf "$work"' EXIT
failures=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }
mb() { du -sm "$1" | cut -f1; }
rows=()

for provider in $providers; do
  echo "== $provider: $n households"
  if [ "$provider" = postgres ] && [ -z "${REUSE_PGPORT:-}" ]; then bench_pg_start $pgport; fi
  data=$work/$provider/data
  [ "$provider" = sqlite ] && [ -n "${SQLITE_DATA:-}" ] && data=$SQLITE_DATA
  existing=""; { [ "$provider" = sqlite ] && [ -n "${SQLITE_DATA:-}" ]; } || { [ "$provider" = postgres ] && [ -n "${REUSE_PGPORT:-}" ]; } && existing=yes
  read -ra original <<<"$(bench_env "$provider" "$data" $pgport)"
  mkdir -p "$data/uploads"
  start=$SECONDS
  if [ -z "$existing" ]; then
    env "${original[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" generate "$n" --funds | tail -1
    generated=$((SECONDS - start))
  else
    generated="(existing)"
  fi
  if [ "$provider" = postgres ]; then
    db_mb=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc "SELECT pg_database_size('tongxing_bench') / 1048576")
  else
    db_mb=$(mb "$data")
  fi
  start=$(date +%s.%N)
  env "${original[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" backup "$work/$provider/backup" | tail -1
  backup_s=$(echo "$(date +%s.%N) - $start" | bc)
  backup_mb=$(mb "$work/$provider/backup")
  # The fresh instance: another data folder, and for PostgreSQL another database on the same server.
  read -ra restored <<<"$(bench_env "$provider" "$work/$provider/restored" $pgport | sed 's/Database=tongxing_bench/Database=tongxing_restored/')"
  mkdir -p "$work/$provider/restored/uploads"
  start=$(date +%s.%N)
  env "${restored[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" restore "$work/$provider/backup" | tail -1
  restore_s=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  env "${restored[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" verify-audit >"$work/verify.log" 2>&1 && verified=yes || verified=no
  verify_s=$(echo "$(date +%s.%N) - $start" | bc)
  check "$provider: verify-audit passes on the restored instance ($(tail -1 "$work/verify.log"))" '[ "$verified" = yes ]'
  bench_app 5179 "${restored[@]}" || exit 1
  app_pid=$APP_PID
  cookie=$(bench_login 5179 bench.district)
  list=$(curl -s -o "$work/list.html" -w '%{http_code}' -H "Cookie: $cookie" http://127.0.0.1:5179/Households)
  dash=$(curl -s -o "$work/dash.html" -w '%{http_code}' -H "Cookie: $cookie" http://127.0.0.1:5179/Dashboard)
  api=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:5179/api/v1/households?pageSize=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
  check "$provider: the restored app serves the household list ($list) and the dashboard ($dash)" '[ "$list" = 200 ] && [ "$dash" = 200 ] && grep -q "帮扶对象" "$work/list.html"'
  if [ "$provider" = postgres ]; then
    same=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_restored -tAc 'SELECT count(*) FROM "Households"')
    orig=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc 'SELECT count(*) FROM "Households"')
  else
    same=$(sqlite3 "$work/$provider/restored/tongxing.db" 'SELECT count(*) FROM Households' 2>/dev/null || echo "?")
    orig=$(sqlite3 "$data/tongxing.db" 'SELECT count(*) FROM Households' 2>/dev/null || echo "?")
  fi
  check "$provider: the restored database holds every household ($same of $orig; bench.district sees $api)" '[ "$same" = "$orig" ]'
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  rows+=("| $provider | $n | $generated | $db_mb | $(printf '%.1f' "$backup_s") | $backup_mb | $(printf '%.1f' "$restore_s") | $(printf '%.1f' "$verify_s") | $verified | $list / $dash |")
  if [ "$provider" = postgres ] && [ -n "${REUSE_PGPORT:-}" ]; then
    psql -h 127.0.0.1 -p $pgport -U postgres -tAc 'DROP DATABASE IF EXISTS tongxing_restored' >/dev/null
  elif [ "$provider" = postgres ]; then bench_pg_stop; PGDIR=""; fi
done

{
  echo "# Backup and restore ($(date -u +%Y-%m-%d))"
  echo
  echo "Produced by \`bench/backup.sh $n\` on $(bench_machine), a machine shared with other work during the run"
  echo "(load average $(uptime | sed 's/.*load average: //') at the end). The app's \`backup\` command: SQLite's online backup"
  echo "API, or \`pg_dump -Fc\`, plus the uploads folder; \`restore\` into an empty instance (another data folder, or another"
  echo "database on the same PostgreSQL server); \`verify-audit\` on the restored instance; then the app started on it, signed"
  echo "in as bench.district, asked for /Households and /Dashboard. Sizes in MB (du -sm; PostgreSQL: pg_database_size)."
  echo
  echo "| provider | households | generate s | database MB | backup s | backup MB | restore s | verify-audit s | verifies | list / dashboard |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"${OUT:-docs/performance-backup.md}"
cat "${OUT:-docs/performance-backup.md}"
echo "backup and restore: $failures checks failed"
[ "$failures" = 0 ]
