#!/usr/bin/env bash
# Issue #17, every list at scale: the generator's province of N households with their later records, then EVERY list,
# search, dashboard, task list (我的待办), reconciliation and due-visit list an official uses — the JSON API and the whole
# HTML page — each against a bare baseline doing the same indexed work in the same run (Features/Bench), with wrk at
# 32 connections after a warm-up, in three rounds of the baseline and its rows. Ratio = the median of a row's three
# ratios of req/s to its baseline's in the same round; target ≥ 0.75 per row. Writes docs/performance-scale.md.
# Usage: bench/scale.sh [households] [providers] [seconds per run]
# NO_BUILD=1 skips the build; WARM=seconds of warm-up per URL (twice); ONLY='key|key' measures those rows; REUSE=dir measures
# the data already in dir/<provider> (SQLite only) instead of generating it; OUT=file writes the table there. The rows in
# LONG_ROWS (the reconciliation's, whose request takes seconds at 32 connections) run LONG_SECONDS (10) at least.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
households=${1:-20000}
providers=${2:-"sqlite postgres"}
seconds=${3:-5}
warm=${WARM:-3}
port=5151; pgport=5441
out=${OUT:-docs/performance-scale.md}
dll=src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
[ -n "${NO_BUILD:-}" ] || flock /tmp/tongxing-build.lock dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
work=$(mktemp -d /tmp/tongxing-bench-scale.XXXXXX)
trap 'kill ${APP_PID:-999999} 2>/dev/null || true; [ -n "${REUSE_PGDIR:-}" ] || bench_pg_stop || true; rm -rf "$work"' EXIT
# REUSE_PGDIR / REUSE_PGPORT: a PostgreSQL cluster left running by bench/generate.sh (KEEP_PG=1), measured as it is.
if [ -n "${REUSE_PGDIR:-}" ]; then pgport=${REUSE_PGPORT:?REUSE_PGPORT}; else case " $providers " in *" postgres "*) bench_pg_start $pgport ;; esac; fi

app() { env "${envs[@]}" dotnet $dll --contentRoot "$bench_root/src/Tongxing.Web" "$@"; }
# The data: N households with their later records. One place, so a fuller generator can replace these steps.
scale_data() {
  app generate "$households" --full | tail -1
  app bench-scale-accounts | grep RESULT
}
area() { curl -s -H "Cookie: $1" "http://127.0.0.1:$port/api/v1/me" | sed 's/.*"areaCode":"\([0-9]*\)".*/\1/'; }

# One row per request: key|user|path|baseline key|label. A row whose baseline key is empty is a baseline.
# {d} {t} {v} {r}: the district, town, village and region of the bench logins.
q=%E9%9F%A6 # 韦, the commonest surname in the generated names
rows=(
  "b_list|none|/bench/baseline?district={d}&page=3&count=true||baseline: a page of 20 of the district's households, counted"
  "list_api|district|/api/v1/households?page=3|b_list|\`GET /api/v1/households?page=3\` district"
  "list_page|district|/Households?Page=3|b_list|\`GET /Households?Page=3\` whole page, district"
  "b_tlist|none|/bench/baseline-scale/households?level=Town&code={t}&page=2&count=true||baseline: a page of 20 of the town's households, counted"
  "tlist_api|town|/api/v1/households?page=2|b_tlist|\`GET /api/v1/households?page=2\` town"
  "tlist_page|town|/Households?Page=2|b_tlist|\`GET /Households?Page=2\` whole page, town"
  "b_name|none|/bench/baseline?district={d}&q=$q&count=true||baseline: the district's households searched for 韦, counted"
  "name_api|district|/api/v1/households?q=$q|b_name|\`GET /api/v1/households?q=韦\` name search"
  "name_page|district|/Households?Q=$q|b_name|\`GET /Households?Q=韦\` whole page"
  "b_tail|none|/bench/baseline?district={d}&tail=0012&count=true||baseline: the district's households by ID tail 0012, counted"
  "tail_api|district|/api/v1/households?q=0012|b_tail|\`GET /api/v1/households?q=0012\` ID-tail search"
  "tail_page|district|/Households?Q=0012|b_tail|\`GET /Households?Q=0012\` whole page"
  "b_dash|none|/bench/baseline-dashboard-counts?district={d}||baseline: the district's kept counts per town and measure, and its visits due and overdue per town"
  "dash_api|district|/api/v1/dashboard|b_dash|\`GET /api/v1/dashboard\` district (kept counts)"
  "dash_page|district|/Dashboard|b_dash|\`GET /Dashboard\` whole page, district"
  "b_rdash|none|/bench/baseline-dashboard-counts||baseline: the districts' kept totals per measure"
  "rdash_api|region|/api/v1/dashboard|b_rdash|\`GET /api/v1/dashboard\` region (kept counts)"
  "rdash_page|region|/Dashboard|b_rdash|\`GET /Dashboard\` whole page, region"
  "b_wd|none|/bench/baseline-scale/next-actions?role=DistrictOrganization&level=District&code={d}&district={d}||baseline: the counts of 我的待办 for 区委组织部, the programme read as the page does"
  "wd_api|district|/api/v1/me/next-actions|b_wd|\`GET /api/v1/me/next-actions\` 区委组织部"
  "b_wdp|none|/bench/baseline-scale/next-actions?role=DistrictOrganization&level=District&code={d}&district={d}&progress=true||baseline: the same counts and the households registered per town (the home page shows both)"
  "wd_page|district|/|b_wdp|\`GET /\` 我的待办 whole page, 区委组织部"
  "b_wf|none|/bench/baseline-scale/next-actions?role=Finance&level=District&code={d}&district={d}||baseline: the counts of 我的待办 for 财政"
  "wf_api|finance|/api/v1/me/next-actions|b_wf|\`GET /api/v1/me/next-actions\` 财政"
  "b_wt|none|/bench/baseline-scale/next-actions?role=TownCommittee&level=Town&code={t}&district={d}||baseline: the counts of 我的待办 for 镇党委"
  "wt_api|town|/api/v1/me/next-actions|b_wt|\`GET /api/v1/me/next-actions\` 镇党委"
  "b_wtp|none|/bench/baseline-scale/next-actions?role=TownCommittee&level=Town&code={t}&district={d}&progress=true||baseline: the same counts and the households registered per town"
  "wt_page|town|/|b_wtp|\`GET /\` 我的待办 whole page, 镇党委"
  "b_wv|none|/bench/baseline-scale/next-actions?role=VillageBranch&level=Village&code={v}&district={d}||baseline: the counts of 我的待办 for 村党支部"
  "wv_api|village|/api/v1/me/next-actions|b_wv|\`GET /api/v1/me/next-actions\` 村党支部"
  "b_wvp|none|/bench/baseline-scale/next-actions?role=VillageBranch&level=Village&code={v}&district={d}&progress=true||baseline: the same counts and the village's households registered"
  "wv_page|village|/|b_wvp|\`GET /\` 我的待办 whole page, 村党支部"
  "b_recon|none|/bench/baseline-scale/reconciliation?district={d}||baseline: the district's ledger summed per town, kind, source and the six grouped counts of its checks"
  "recon_api|district|/api/v1/funds/reconciliation|b_recon|\`GET /api/v1/funds/reconciliation\` district"
  "recon_page|district|/Funds/Reconciliation|b_recon|\`GET /Funds/Reconciliation\` whole page"
  "b_over|none|/bench/baseline-scale/visits-due?level=District&code={d}&state=overdue||baseline: the district's paired, due and overdue per town; overdue count (the towns' summed), the first 30 and their helpers"
  "over_api|district|/api/v1/visits/due?state=overdue|b_over|\`GET /api/v1/visits/due?state=overdue\` district"
  "over_page|district|/Pairing/Due?state=overdue|b_over|\`GET /Pairing/Due?state=overdue\` whole page"
  "b_week|none|/bench/baseline-scale/visits-due?level=District&code={d}||baseline: the district's paired, due and overdue per town; due this week count (the towns' summed), the first 30 and their helpers"
  "week_api|district|/api/v1/visits/due|b_week|\`GET /api/v1/visits/due\` due this week, district"
  "week_page|district|/Pairing/Due|b_week|\`GET /Pairing/Due\` whole page"
  "b_batch|none|/bench/baseline-scale/batches?level=District&code={d}||baseline: the district's payment batches with payments counted and summed"
  "batch_api|district|/api/v1/payment-batches|b_batch|\`GET /api/v1/payment-batches\` district"
  "batch_page|district|/Funds/Batches|b_batch|\`GET /Funds/Batches\` whole page"
  "b_prog|none|/bench/baseline-scale/progress?district={d}||baseline: filed households and payments per town and state"
  "prog_api|district|/api/v1/funds/progress|b_prog|\`GET /api/v1/funds/progress\` district"
  "prog_page|district|/Funds/Progress|b_prog|\`GET /Funds/Progress\` whole page"
  "b_rep|none|/bench/baseline-scale/completeness?level=District&code={d}&district={d}||baseline: the district's town reports of its programme per town and kind, the programme read as the page does"
  "rep_api|district|/api/v1/reports/completeness|b_rep|\`GET /api/v1/reports/completeness\` district"
  "rep_page|district|/Reports/Completeness|b_rep|\`GET /Reports/Completeness\` whole page"
  "b_appr|none|/bench/baseline-scale/approvals?level=Town&code={t}&status=ApprovedByVillage||baseline: the town's households waiting for it, counted and listed"
  "appr_api|town|/api/v1/approvals|b_appr|\`GET /api/v1/approvals\` 镇党委"
  "appr_page|town|/Approvals|b_appr|\`GET /Approvals\` whole page, 镇党委"
  "b_ledger|none|/bench/baseline-scale/ledger?level=District&code={d}&page=3||baseline: the district's count, a page of 50, their events and payments, approvals per town"
  "ledger_api|district|/api/v1/ledger?page=3|b_ledger|\`GET /api/v1/ledger?page=3\` 工作台账, district"
  "ledger_page|district|/Ledger?Page=3|b_ledger|\`GET /Ledger?Page=3\` whole page"
)
[ -z "${ONLY:-}" ] || { keep=(); for r in "${rows[@]}"; do [[ "${r%%|*}" =~ ^($ONLY)$ ]] && keep+=("$r"); done; rows=("${keep[@]}"); }

declare -A R C Q
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "—" }'; }
for provider in $providers; do
  data=${REUSE:-$work}/$provider; mkdir -p "$data"
  read -ra envs <<<"$(bench_env $provider "$data" $pgport)"
  [ "$provider" != postgres ] || [ -n "${REUSE:-}" ] || psql -h 127.0.0.1 -p $pgport -U postgres -tAc 'DROP DATABASE IF EXISTS tongxing_bench' >/dev/null
  echo "== $provider: generating $households households"
  start=$(date +%s.%N)
  if [ -n "${REUSE:-}" ]; then app bench-scale-accounts | grep RESULT; else scale_data; fi
  R[$provider,generate]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.0f", e-s}')
  if [ "$provider" = postgres ]; then
    R[$provider,size]=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc "SELECT pg_size_pretty(pg_database_size('tongxing_bench'))")
  else
    R[$provider,size]="$(du -sh "$data"/tongxing.db* | awk '{print $1}' | head -1)"
  fi
  bench_app $port "${envs[@]}"
  base="http://127.0.0.1:$port"
  for u in district town region finance village; do C[$u]=$(bench_login $port bench.$u); done
  C[none]=${C[district]} # a baseline is sent a signed-in cookie too (as bench/web.sh does): both pay for reading it
  d=$(area "${C[district]}"); t=$(area "${C[town]}"); v=$(area "${C[village]}"); r=$(area "${C[region]}")
  url() { local p=${1//\{d\}/$d}; p=${p//\{t\}/$t}; p=${p//\{v\}/$v}; p=${p//\{r\}/$r}; echo "$base$p"; }
  echo "== $provider: checking every request answers 200"
  for row in "${rows[@]}"; do
    IFS='|' read -r key user path _ _ <<<"$row"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${C[$user]}" "$(url "$path")")
    [ "$code" = 200 ] || { echo "   $key $(url "$path") answered $code"; exit 1; }
  done
  # Warm-up: the runtime recompiles hot code for its first minute or so of load (tiered JIT); every URL twice.
  echo "== $provider: warming up (every URL twice, $warm s each)"
  for _ in 1 2; do
    for row in "${rows[@]}"; do IFS='|' read -r key user path _ _ <<<"$row"; wrk -t2 -c32 -d"${warm}s" -H "Cookie: ${C[$user]}" "$(url "$path")" >/dev/null; done
  done
  echo "== $provider: measuring (district $d, town $t, village $v)"
  # In rounds: a baseline, then each row measured against it, three times over, so that a row and its yardstick are
  # measured minutes apart at most, not a whole run; a row's ratio is the median of its three ratios to the baseline's
  # run of the same round. Its req/s and latencies are of its median run, as before.
  for brow in "${rows[@]}"; do
    IFS='|' read -r bkey _ _ isbase _ <<<"$brow"
    [ -z "$isbase" ] || continue
    group=("$brow"); for row in "${rows[@]}"; do IFS='|' read -r _ _ _ b _ <<<"$row"; [ "$b" != "$bkey" ] || group+=("$row"); done
    declare -A RUNS=() RAT=()
    for round in 1 2 3; do
      for row in "${group[@]}"; do
        IFS='|' read -r key user path _ _ <<<"$row"
        bench_idle "$APP_PID"
        secs=$seconds; [[ ! "$key" =~ ^(${LONG_ROWS:-b_recon|recon_api|recon_page})$ ]] || secs=$(( seconds > ${LONG_SECONDS:-10} ? seconds : ${LONG_SECONDS:-10} ))
        RUNS[$key]+="$(bench_wrk1 32 "$secs" "${C[$user]}" "$(url "$path")")|"
      done
      yard=$(tr '|' '\n' <<<"${RUNS[$bkey]}" | sed -n "${round}p" | cut -d' ' -f1)
      for row in "${group[@]:1}"; do
        IFS='|' read -r key _ _ _ _ <<<"$row"
        RAT[$key]+="$(ratio "$(tr '|' '\n' <<<"${RUNS[$key]}" | sed -n "${round}p" | cut -d' ' -f1)" "$yard") "
      done
    done
    for row in "${group[@]}"; do
      IFS='|' read -r key _ _ _ _ <<<"$row"
      IFS='|' read -ra runs <<<"${RUNS[$key]%|}"
      R[$provider,$key]=$(bench_median "${runs[@]}")
      [ "$key" = "$bkey" ] || Q[$provider,$key]=$(tr ' ' '\n' <<<"${RAT[$key]% }" | sort -n | sed -n 2p)
      echo "   $key: ${R[$provider,$key]}${Q[$provider,$key]:+ ratio ${Q[$provider,$key]} of ${RAT[$key]}}"
    done
    unset RUNS RAT
  done
  kill $APP_PID; wait $APP_PID 2>/dev/null || true
done

{
  echo "# Every list at $households households against a bare baseline (issue #17)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) by \`bench/scale.sh $households \"$providers\" $seconds\` on $(bench_machine), shared with other work;"
  echo "app, database and wrk on the same machine. Data: \`generate $households --full\` (the whole 2020 year, seen from 2020-12-15) and the"
  echo "extra logins of \`bench-scale-accounts\`. After a warm-up (every URL twice, $warm s), wrk -t2 -c32, $seconds s per run, each run"
  echo "started once the app is idle again, in three rounds: a baseline, then each row measured against it, and again, and again."
  echo "req/s and latencies are of a row's median run by requests per second (lowest–highest of the three); latencies in ms. Each"
  echo "baseline does the same indexed work as the rows under it through the app's connection, rendered as a bare table, with no"
  echo "sign-in, area names, masking, wording or layout (Features/Bench; a baseline that reads the programme says so). Ratio: the"
  echo "median of a row's three ratios of req/s to its baseline's run of the same round; target ≥ 0.75. The reconciliation's rows"
  echo "(${LONG_ROWS:-b_recon|recon_api|recon_page}), a request of seconds at 32 connections, run ${LONG_SECONDS:-10} s at least."
  [ -z "${ONLY:-}" ] || echo "Only these rows were measured (\`ONLY\`): \`${ONLY}\`."
  echo
  for p in $providers; do
    if [ -n "${REUSE:-}" ]; then echo "- $p: a year generated before (\`generate $households --full\`), reused as it was; database ${R[$p,size]}"
    else echo "- $p: generated in ${R[$p,generate]} s; database ${R[$p,size]}"; fi
  done
  echo
  echo "| request | database | req/s (spread) | p50 | p95 | p99 | ratio | errors |"
  echo "|---|---|---|---|---|---|---|---|"
  for p in $providers; do
    for row in "${rows[@]}"; do
      IFS='|' read -r key _ _ bkey label <<<"$row"
      read -r rps p50 p95 p99 min max err <<<"${R[$p,$key]}"
      vs="—"; [ -z "$bkey" ] || vs=${Q[$p,$key]}
      [ -n "$bkey" ] || label="**$label**"
      echo "| $label | $p | $rps ($min–$max) | $p50 | $p95 | $p99 | $vs | ${err:-0} |"
    done
  done
} > "$out"
cat "$out"
