#!/usr/bin/env bash
# The payment-batch benchmark of issue #14 on SQLite: a batch of N (default 10,000) filed households built through the
# handlers and sent, its bank file (.xlsx) exported, and the bank's result file for every row dry-run and applied.
# Baselines in the same run: the same rows written by MiniExcel alone, and a bare query of the batch's rows. Every step
# is its own process, so its peak memory (max RSS, /usr/bin/time -v) is its own. Writes docs/performance-payments.md.
# Usage: bench/payment-batch.sh [households in the batch]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
n=${1:-10000}
command -v /usr/bin/time >/dev/null || { echo "GNU time missing: apt-get install -y time"; exit 1; }
dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
dll=$bench_root/src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
work=$(mktemp -d /tmp/tongxing-bench-payments.XXXXXX)
trap 'rm -rf "$work"' EXIT
read -ra envs <<<"$(bench_env sqlite "$work/data" 0)"
mkdir -p "$work/data"
echo "== generating a small province (bench.town)"
env "${envs[@]}" dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" generate 2000 | tail -1

declare -A R
measure() {
  local name=$1; shift
  local log=$work/$name.log
  env "${envs[@]}" DOTNET_gcServer=0 /usr/bin/time -v dotnet "$dll" --contentRoot "$bench_root/src/Tongxing.Web" bench-payments "$@" >"$log" 2>&1 || { echo "!! $name failed:"; tail -20 "$log"; return 1; }
  local rss; rss=$(awk '/Maximum resident set size/{printf "%.0f", $6/1024}' "$log")
  R[$name]="$(grep '^RESULT' "$log" | sed 's/^RESULT //') maxrss=${rss}"
  echo "   $name: ${R[$name]}"
}
get() { tr ' ' '\n' <<<"${R[$1]}" | awk -F= -v k="$2" '$1==k{print $2}'; }

measure setup setup "$n" "$work/none.xlsx"
measure baseline-select baseline-select "$n" "$work/none.xlsx"
measure baseline-export baseline-export "$n" "$work/baseline.xlsx"
measure export export "$n" "$work/bank.xlsx"
measure result-file result-file "$n" "$work/result.xlsx"
measure import import "$n" "$work/result.xlsx"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f", a / b; else print "–" }'; }
{
  echo "# Payment batch benchmark (SQLite, $(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "Produced by \`bench/payment-batch.sh $n\`. Each step is its own process; *peak MB* is that process's maximum resident"
  echo "set size (\`/usr/bin/time -v\`), which includes the .NET runtime and the app's start-up (about 100 MB on its own)."
  echo "The baselines run in the same process set-up: *bare select* reads the batch's $n rows with one query and nothing else;"
  echo "*MiniExcel alone* writes the same rows to .xlsx without the form template, audit entry or app handler."
  echo
  echo "| step | rows | seconds | peak MB | vs baseline |"
  echo "|---|---|---|---|---|"
  echo "| build batch through the handlers (create + add $n + send) | $n | $(get setup buildSeconds) + $(get setup sendSeconds) | $(get setup maxrss) | |"
  echo "| baseline: bare select of the batch's rows | $(get baseline-select rows) | $(get baseline-select seconds) | $(get baseline-select maxrss) | 1.0 |"
  echo "| baseline: MiniExcel alone writes the rows | $n | $(get baseline-export seconds) | $(get baseline-export maxrss) | 1.0 |"
  echo "| export the bank file (handler, template, audit, streamed to a temp file) | $n | $(get export seconds) | $(get export maxrss) | time ×$(ratio "$(get export seconds)" "$(get baseline-export seconds)"), memory ×$(ratio "$(get export maxrss)" "$(get baseline-export maxrss)") |"
  echo "| import the result file: dry run | $(get import rows) | $(get import dryRunSeconds) | | |"
  echo "| import the result file: apply (all paid, ledger lines, households 已发放) | $(get import rows) | $(get import applySeconds) | $(get import maxrss) (dry run + apply in one process) | memory ×$(ratio "$(get import maxrss)" "$(get baseline-select maxrss)") of the bare select |"
  echo
  echo "Raw results:"
  echo
  echo '```'
  for k in setup baseline-select baseline-export export result-file import; do echo "$k: ${R[$k]}"; done
  echo '```'
} > docs/performance-payments.md
cat docs/performance-payments.md
