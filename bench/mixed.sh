#!/usr/bin/env bash
# The mixed load of issue #17: simulated officials of a generated province (accounts of every daily office, spread over
# its districts, towns and villages) work for a while through nginx in front of two app nodes on one PostgreSQL — reads,
# searches, saves with version tokens, single and batch approvals, payment batches to the bank's result, receipt
# photos, exports — with think time between actions. Records per kind: answered, per second, conflicts (409, another
# official was first), refused (400 with the app's message: a rule said no), errors (failures of the system, must be 0),
# p50/p95/p99; and each node's resident memory every 10 s.
# Writes docs/performance-mixed.md (and the raw tables beside it).
# Usage: bench/mixed.sh [officials=200] [minutes=10]   (HOUSEHOLDS=100000 THINK=2 to change the province and think time); OUT=file writes the table there
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/mixed-nodes.sh
officials=${1:-200}; minutes=${2:-10}; households=${HOUSEHOLDS:-100000}; think=${THINK:-2}
command -v "$nginx_bin" >/dev/null || { echo "nginx missing: apt-get install -y nginx-light"; exit 1; }
pgport=5442
mixed_build
work=$(mktemp -d /tmp/tongxing-mixed.XXXXXX)
sampler=
trap 'kill ${sampler:-} 2>/dev/null || true; mixed_stop "$work"; bench_pg_stop; rm -rf "$work"' EXIT
bench_pg_start $pgport
mixed_env "$work" $pgport
mkdir -p "$work/data/uploads"
echo "== generating $households households with funds, and $officials officials"
OFFICIALS=$officials mixed_generate "$households"
db_mb=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc "SELECT pg_database_size('tongxing_bench') / 1048576")
mixed_node 1
mixed_node 2
mixed_nginx "$work"
echo "== $officials officials for $minutes minutes (think time ${think} s ± 50 %)"
load_busy=$(uptime | sed 's/.*load average: //')
# What the database's sessions do while the officials work: once a second, the busy sessions by what they wait for
# (none: running on a core or ready to), and those idle inside a transaction (the app computing while it holds locks).
sample_waits() {
  while :; do
    psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tA -F$'\t' -c "SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ': ' || wait_event, 'running (no wait)') ELSE state END, count(*) FROM pg_stat_activity WHERE datname = 'tongxing_bench' AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') GROUP BY 1" 2>/dev/null || printf 'no answer to the sample\t1\n'
    # Who the lock waiters wait for: the holder's state and statement (first words), per waiter.
    psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tA -F$'\t' -c "SELECT b.state || ': ' || left(regexp_replace(b.query, '\\s+', ' ', 'g'), 90), count(*) FROM pg_stat_activity w CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid) JOIN pg_stat_activity b ON b.pid = bp.pid WHERE w.datname = 'tongxing_bench' AND w.wait_event_type = 'Lock' GROUP BY 1" 2>/dev/null >>"$work/holders.txt" || true
    echo "--" >>"$work/holders.txt"
    echo "--"; sleep 1
  done >"$work/waits.txt"
}
sample_waits & sampler=$!
cpu_before=($(head -1 /proc/stat))
mixed_load $((minutes * 60)) "$work/mixed.tsv" --think "$think" >/dev/null
cpu_after=($(head -1 /proc/stat))
kill $sampler 2>/dev/null || true
# The machine's cores busy over the run (user+nice+system+irq+softirq+steal of all time), from /proc/stat.
cpu_busy=$(awk -v a="${cpu_before[*]}" -v b="${cpu_after[*]}" 'BEGIN{split(a,x," "); split(b,y," "); for(i=2;i<=9;i++){d=y[i]-x[i]; t+=d; if(i!=5 && i!=6) u+=d}; printf "%.0f", 100*u/t}')
load_after=$(uptime | sed 's/.*load average: //')
column -t -s$'\t' "$work/mixed.tsv"
errors=$(awk -F'\t' '$1=="ALL"{print $6}' "$work/mixed.tsv")
refused=$(awk -F'\t' '$1=="ALL"{print $5}' "$work/mixed.tsv")
rss_first() { awk -F'\t' -v c="$1" 'NR==3{print $c}' "$work/mixed.rss.tsv"; }
rss_last() { awk -F'\t' -v c="$1" 'NR>1 && $c!=""{v=$c} END{print v}' "$work/mixed.rss.tsv"; }
rss_max() { awk -F'\t' -v c="$1" 'NR>1 && $c+0>m{m=$c+0} END{print m}' "$work/mixed.rss.tsv"; }

out=${OUT:-docs/performance-mixed.md}
{
  echo "# Mixed load on two nodes (PostgreSQL, $(date -u +%Y-%m-%d))"
  echo
  echo "Produced by \`bench/mixed.sh $officials $minutes\` (HOUSEHOLDS=$households, THINK=$think) on $(bench_machine) — a machine"
  echo "shared with other work during the run (load average $load_busy at the start, $load_after at the end)."
  echo "A province of $households households generated with funds in ${GENERATE_SECONDS} s (database ${db_mb} MB), then"
  echo "$officials officials (\`bench-officials\`: half village branches, a quarter town committees, the rest 区残联, 镇残联 and"
  echo "区委组织部, each in a different place) sign in through nginx (least_conn) in front of two nodes and work for"
  echo "$minutes minutes, waiting ${think} s ± 50 % between actions. Each kind is one request; a payment batch is its seven."
  echo "*skipped*: nothing to do (no household waiting for the office's approval, no receipt pending, no unpaid filed"
  echo "household with an account). *conflicts*: 409, another official saved first (the client would reload). *refused*: 400"
  echo "with the app's message, a rule of the programme said no (e.g. a batch beyond the town's allocation). *errors*: anything"
  echo "else not 2xx — failures of the system."
  echo
  echo "| kind | answered | per s | conflicts | refused | errors | skipped | p50 ms | p95 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR>1{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}' "$work/mixed.tsv"
  echo
  echo "Errors (must be 0): **$errors**. Refused by a rule (not errors): $refused."
  echo
  echo "The machine's $(nproc) cores were ${cpu_busy} % busy over the run (/proc/stat). What PostgreSQL's sessions were doing,"
  echo "sampled once a second (pg_stat_activity): the average number of sessions in each state, and the share of samples"
  echo "with at least one. *running (no wait)* is on a core or waiting for one; *Lock: advisory* waits for one of the app's"
  echo "locks (the audit chain's, a town's quota, a district's funds); *idle in transaction* is the app computing between"
  echo "statements while its transaction holds what it has locked."
  echo
  echo "| state | sessions on average | samples with any |"
  echo "|---|---|---|"
  awk -F'\t' '$0=="--"{n++; next} NF==2{s[$1]+=$2; seen[$1]++} END{if(!n) exit; for(k in s) printf "| %s | %.2f | %.0f %% |\n", k, s[k]/n, 100*seen[k]/n}' "$work/waits.txt" | sort -t'|' -k3 -rn
  echo
  echo "Whom the sessions waiting for a lock waited for, in the same samples: the holding session's state and statement"
  echo "(its first words), with the waiters summed over the samples and the samples in which it held anyone up."
  echo
  echo "| holder | waiters, summed over the samples | samples |"
  echo "|---|---|---|"
  awk -F'\t' '$0=="--"{next} NF==2{k=$1; gsub(/\|/, "/", k); s[k]+=$2; seen[k]++} END{for(k in s) printf "| %s | %d | %d |\n", k, s[k], seen[k]}' "$work/holders.txt" 2>/dev/null | sort -t'|' -k3 -rn | head -15
  echo
  echo "Resident memory of each node (MB, /proc/<pid>/status VmRSS every 10 s): node1 $(rss_first 2) after 20 s, $(rss_max 2) at most,"
  echo "$(rss_last 2) at the end; node2 $(rss_first 3) → $(rss_max 3) → $(rss_last 3)."
  echo
  echo '```'
  column -t -s$'\t' "$work/mixed.rss.tsv"
  echo '```'
  if [ -s "$work/mixed.errors.txt" ] && [ "$(tr -d '\n\357\273\277' <"$work/mixed.errors.txt")" != "" ]; then
    echo
    echo "First errors:"
    echo
    echo '```'
    head -20 "$work/mixed.errors.txt" | cut -c1-300
    echo '```'
  fi
  if [ "$(tr -d '\n\357\273\277' <"$work/mixed.refused.txt" 2>/dev/null)" != "" ]; then
    echo
    echo "First refusals:"
    echo
    echo '```'
    head -10 "$work/mixed.refused.txt" | cut -c1-300
    echo '```'
  fi
} >"$out"
echo "== written $out"
[ "$errors" = 0 ]
