#!/usr/bin/env bash
# Runs every test of Tongxing: unit, integration (SQLite and a throwaway PostgreSQL) and browser (Debian's Chromium).
# Installs what is missing (idempotent), starts and stops its own PostgreSQL, and ends with
#   tests: N passed, M failed
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

# A throwaway PostgreSQL cluster on port 5433, owned by the postgres user, removed at the end.
pgbin=/usr/lib/postgresql/15/bin
pgdir=$(mktemp -d /tmp/tongxing-pg.XXXXXX)
chown postgres:postgres "$pgdir" 2>/dev/null || true
run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
cleanup() { run_pg "$pgbin/pg_ctl -D $pgdir -m fast -w stop" >/dev/null 2>&1; rm -rf "$pgdir"; }
trap cleanup EXIT
pgport=${TONGXING_PG_PORT:-5433}
run_pg "$pgbin/initdb -D $pgdir -U postgres -E UTF8 --locale=C.UTF-8 -A trust" >/dev/null || { echo "initdb failed"; exit 1; }
run_pg "$pgbin/pg_ctl -D $pgdir -o '-p $pgport -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off' -l $pgdir/log -w start" >/dev/null \
  || { echo "PostgreSQL did not start"; cat "$pgdir/log"; exit 1; }
export TONGXING_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Include Error Detail=true"

echo "== build"
dotnet build Tongxing.slnx -c Release -nologo -v q 2>&1 | tail -3
if [ "${PIPESTATUS[0]}" -ne 0 ]; then echo "build failed"; echo "tests: 0 passed, 1 failed"; exit 1; fi

passed=0; failed=0; skipped=0; status=0
failures=$(mktemp)
echo "== format (dotnet format --verify-no-changes)"
if ! dotnet format Tongxing.slnx --verify-no-changes --no-restore > /tmp/tongxing-format.log 2>&1; then
  echo "!! code is not formatted (run: dotnet format Tongxing.slnx):"; head -20 /tmp/tongxing-format.log; status=1
fi
for proj in tests/Tongxing.UnitTests tests/Tongxing.IntegrationTests tests/Tongxing.BrowserTests; do
  echo "== $proj"
  log=$(mktemp)
  dotnet test --project "$proj" -c Release --no-build 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  t=$(grep -E '^\s*total:' "$log" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -E '^\s*failed:' "$log" | tail -1 | grep -oE '[0-9]+')
  s=$(grep -E '^\s*succeeded:' "$log" | tail -1 | grep -oE '[0-9]+')
  k=$(grep -E '^\s*skipped:' "$log" | tail -1 | grep -oE '[0-9]+')
  if [ -z "$t" ]; then echo "!! $proj produced no test summary"; f=${f:-1}; fi
  passed=$((passed + ${s:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
  [ "$rc" -ne 0 ] && status=1
  # Each failed test's name and first lines of its message, repeated at the end where a truncated log still shows them.
  awk '/^failed /{n=12} n>0 && !/"Timestamp"/{print; n--}' "$log" >> "$failures"
  rm -f "$log"
done
# The release, installed as docs/deployment.md says, from one publish: counted as one test (TONGXING_DEPLOY_CHECK=0 skips it).
if [ "${TONGXING_DEPLOY_CHECK:-1}" != 0 ]; then
  echo "== scripts/deploy-check.sh"
  if scripts/deploy-check.sh 2>&1 | tee /tmp/tongxing-deploy-check.log | grep -v '^{"Timestamp' | cut -c1-400; [ "${PIPESTATUS[0]}" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "failed scripts/deploy-check.sh: $(tail -1 /tmp/tongxing-deploy-check.log)" >> "$failures"
  fi
fi
if [ -s "$failures" ]; then echo "== failed tests"; cut -c1-400 "$failures"; fi
rm -f "$failures"
[ "$skipped" -gt 0 ] && echo "($skipped skipped — not counted as passed)"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
