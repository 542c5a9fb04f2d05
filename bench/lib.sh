# Shared by the benchmark scripts: a throwaway PostgreSQL, the app on a port, sign-in, wrk runs.
# Sourced, not run. Needs: dotnet, wrk, curl, PostgreSQL 15 binaries (Debian: postgresql, wrk).

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pgbin=/usr/lib/postgresql/15/bin
run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }

# bench_pg_start PORT: a fresh cluster with default durability (fsync on) and 1 GB shared buffers; sets PGDIR.
bench_pg_start() {
  PGDIR=$(mktemp -d /tmp/tongxing-bench-pg.XXXXXX)
  chown postgres:postgres "$PGDIR" 2>/dev/null || true
  run_pg "$pgbin/initdb -D $PGDIR -U postgres -E UTF8 --locale=C.UTF-8 -A trust" >/dev/null
  run_pg "$pgbin/pg_ctl -D $PGDIR -o '-p $1 -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200' -l $PGDIR/log -w start" >/dev/null
}
bench_pg_stop() { [ -z "${PGDIR:-}" ] || run_pg "$pgbin/pg_ctl -D $PGDIR -m fast -w stop" >/dev/null 2>&1; rm -rf "${PGDIR:-/nonexistent}"; }

# bench_env PROVIDER DATA PGPORT: the environment the app runs with for this provider, as VAR=value words on ONE line
# (callers read it with `read -ra`, which takes a single line).
bench_env() {
  local provider=$1 data=$2 pgport=$3
  # wrk sends the same cookie for minutes and never stores the renewed one a browser would; with the default 60-s
  # session check every request after the first minute would be checked against the database, which no browser causes.
  local words="Database__DataFolder=$data Uploads__Path=$data/uploads Seed__Demo=false Logging__LogLevel__Default=Warning Bench__Enabled=true Security__SignInsPerMinute=100000 Security__SessionCheckSeconds=86400"
  if [ "$provider" = postgres ]; then
    words="$words Database__Provider=Postgres ConnectionStrings__Tongxing=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=tongxing_bench"
  fi
  echo "$words"
}

# bench_app PORT ENV...: starts the built app in the background, waits for /healthz; sets APP_PID.
bench_app() {
  local port=$1; shift
  env "$@" dotnet "$bench_root/src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$bench_root/src/Tongxing.Web" >"/tmp/tongxing-bench-app-$port.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.25; done
  echo "app on $port did not start:"; tail -20 "/tmp/tongxing-bench-app-$port.log"; return 1
}

# bench_idle PID: waits (up to 30 s) until the process has used under 5 % of a core for half a second, so that requests a
# previous wrk run left queued do not count against the next row.
bench_idle() {
  local pid=$1 before after
  for _ in $(seq 1 60); do
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 0
    sleep 0.5
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 0
    [ $((after - before)) -le 2 ] && return 0
  done
}

# bench_login PORT USER: prints the auth cookie header value.
bench_login() {
  local port=$1 user=$2 jar; jar=$(mktemp)
  local token; token=$(curl -s -c "$jar" "http://127.0.0.1:$port/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$user" --data-urlencode "Password=Tongxing@2020" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
  echo "tongxing=$(awk '$6=="tongxing"{print $7}' "$jar")"; rm -f "$jar"
}

# bench_wrk CONNECTIONS SECONDS COOKIE URL: 3 runs; prints "rps p50 p95 p99 rpsMin rpsMax errors" (latencies in ms) of the median run by rps.
# A request is counted as timed out after WRK_TIMEOUT seconds (10; wrk's own default of 2 s counted a report that takes
# 150 ms alone, 32 at once on two cores, as answering nothing).
bench_wrk() {
  local conns=$1 secs=$2 cookie=$3 url=$4 runs=()
  for _ in 1 2 3; do
    runs+=("$(bench_wrk1 "$conns" "$secs" "$cookie" "$url")")
  done
  bench_median "${runs[@]}"
}

# bench_wrk1 CONNECTIONS SECONDS COOKIE URL: one run; prints "rps p50 p95 p99 errors".
bench_wrk1() {
  local conns=$1 secs=$2 cookie=$3 url=$4
  wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${secs}s" --timeout "${WRK_TIMEOUT:-10}s" -s "$bench_root/bench/percentiles.lua" -H "Cookie: $cookie" "$url" | awk '/^TX /{printf "%s %.1f %.1f %.1f %s\n", $2, $3/1000, $4/1000, $5/1000, $6}'
}

# bench_median RUN...: of runs printed by bench_wrk1, "rps p50 p95 p99 rpsMin rpsMax errors" of the median run by rps.
bench_median() {
  local min max; min=$(printf '%s\n' "$@" | sort -n -k1 | head -1 | cut -d' ' -f1); max=$(printf '%s\n' "$@" | sort -n -k1 | tail -1 | cut -d' ' -f1)
  local med; med=$(printf '%s\n' "$@" | sort -n -k1 | sed -n "$(( ($# + 1) / 2 ))p")
  read -r rps p50 p95 p99 err <<<"$med"
  echo "$rps $p50 $p95 $p99 $min $max $err"
}

bench_machine() { echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem/{print $2}') GiB"; }

# timings CONCURRENCY N COOKIE URL: N requests, CONCURRENCY at a time; prints "p50 p95 p99 max errors" in ms.
timings() {
  local conc=$1 n=$2 cookie=$3 url=$4
  local raw; raw=$(seq "$n" | xargs -P "$conc" -I{} curl -s -o /dev/null -H "Cookie: $cookie" -w '%{http_code} %{time_total}\n' "$url")
  local err; err=$(awk '$1 != 200' <<<"$raw" | wc -l)
  awk '{ printf "%.3f\n", $2 * 1000 }' <<<"$raw" | sort -n | awk -v err="$err" '{ t[NR] = $1 } END {
    printf "%.1f %.1f %.1f %.1f %d\n", t[int(NR*0.50+0.5)], t[int(NR*0.95+0.5)], t[int(NR*0.99+0.5)], t[NR], err }'
}
