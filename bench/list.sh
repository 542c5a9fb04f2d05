#!/usr/bin/env bash
# Benchmark 1 of issue #6, SQLite part: the household list and search at 100,000 households against the bare
# baseline endpoint, 32 connections with wrk on loopback, 3 runs each; medians written to docs/performance-list-sqlite.md.
# Usage: bench/list.sh [households] [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-100000}
seconds=${2:-15}
port=5199
data=$(mktemp -d /tmp/tongxing-bench.XXXXXX)
out=docs/performance-list-sqlite.md
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }

dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
export Database__DataFolder=$data Seed__Demo=false Logging__LogLevel__Default=Warning
echo "== generating $households households into $data"
dotnet run -c Release --no-build --project src/Tongxing.Web -- generate "$households" | tail -1

Bench__Enabled=true Security__SignInsPerMinute=100000 dotnet run -c Release --no-build --project src/Tongxing.Web --urls "http://127.0.0.1:$port" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done

jar=$data/cookies
token=$(curl -s -c "$jar" "http://127.0.0.1:$port/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=bench.district" --data-urlencode "Password=Tongxing@2020" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
cookie="tongxing=$(awk '$6=="tongxing"{print $7}' "$jar")"
district=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/')
echo "== signed in as bench.district ($district)"

run() { # name url -> "rps p50 p99" medians of 3 runs
  local name=$1 url=$2 results=()
  for r in 1 2 3; do
    local o; o=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "$url")
    local rps p50 p99
    rps=$(echo "$o" | awk '/Requests\/sec/{print $2}')
    p50=$(echo "$o" | awk '$1=="50%"{print $2}')
    p99=$(echo "$o" | awk '$1=="99%"{print $2}')
    results+=("$rps $p50 $p99")
    echo "   $name run $r: $rps req/s, p50 $p50, p99 $p99" >&2
  done
  printf '%s\n' "${results[@]}" | sort -n -k1 | sed -n 2p
}

base=$(run baseline "http://127.0.0.1:$port/bench/baseline?district=$district&page=3")
list=$(run list "http://127.0.0.1:$port/api/v1/households?page=3")
search=$(run search "http://127.0.0.1:$port/api/v1/households?q=%E9%9F%A6")
page=$(run page "http://127.0.0.1:$port/Households?Page=3")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
{
  echo "# Household list at $households households (SQLite)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/list.sh $households $seconds\` on $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB; wrk -t2 -c32,"
  echo "${seconds} s per run, 3 runs each, the median run shown (by requests per second). App and wrk share the machine."
  echo "The user is the organization department of one generated district (~$((households / 110)) households of $households)."
  echo
  echo "| endpoint | req/s | p50 | p99 | vs baseline |"
  echo "|---|---|---|---|---|"
  for row in "baseline|/bench/baseline (one indexed query, bare HTML)|$base" "list|GET /api/v1/households?page=3|$list" "search|GET /api/v1/households?q=韦|$search" "page|GET /Households?Page=3 (full page)|$page"; do
    IFS='|' read -r _ label vals <<<"$row"; read -r rps p50 p99 <<<"$vals"
    echo "| $label | $rps | $p50 | $p99 | $(ratio "$rps" "$(echo "$base" | cut -d' ' -f1)") |"
  done
} > "$out"
cat "$out"
