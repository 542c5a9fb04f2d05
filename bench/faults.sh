#!/usr/bin/env bash
# The faults of issue #17, each run against two app nodes behind nginx on one PostgreSQL, with what was checked after it
# printed PASS or FAIL:
#   1. kill -9 the node running a large 附件1 import job: the other node takes the job over after Jobs:StaleSeconds
#      (10 s here) and finishes it; every household of the file exists exactly once, with its members and history.
#   2. kill -9 the node applying a bank result file of 3000 payments (100 rows per transaction here) once its first rows
#      are committed: only whole transactions written, each paid payment with its ledger lines and its household marked
#      paid; a second upload of the same file through the other node reads the recorded rows as 已登记 and applies the
#      rest; no ledger line twice.
#   3. kill -9 the node running a bulk approval of 500 households: each household approved once or not at all; a retry
#      approves the rest.
#   4. PostgreSQL restarted (pg_ctl restart -m fast) while 20 officials work: every failed request was a connection error
#      or carried a message, and succeeded when retried; the nodes recover without a restart.
#   5. the uploads file system full (a 16 MB tmpfs) while a village official uploads receipt photos: a 503 with a Chinese
#      message, no receipt recorded and no partial file left; after freeing space an upload works and its file is there.
# After each: verify-audit passes. Usage: bench/faults.sh [households=5000] [import rows=20000]
set -uo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/mixed-nodes.sh
households=${1:-5000}; rows=${2:-20000}; pgport=5442
[ "$(id -u)" -eq 0 ] || { echo "run as root (the uploads file system is a tmpfs mounted by the script)"; exit 1; }
mixed_build
work=$(mktemp -d /tmp/tongxing-faults.XXXXXX)
export UPLOADS=$work/uploads STALE_SECONDS=10
mkdir -p "$UPLOADS"
mount -t tmpfs -o size=16m tmpfs "$UPLOADS"
cleanup() { mixed_stop "$work"; bench_pg_stop; umount "$UPLOADS" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
bench_pg_start $pgport
mixed_env "$work" $pgport
# The bank result is applied in transactions of $chunk rows (500 by default), so that a node killed while applying the
# 3000 of fault 2 dies between commits that already happened and ones that had not.
chunk=100
MIXED_ENV+=(Funds__BankResultChunk=$chunk)
failures=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }
sql() { psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing_bench -tAc "$1"; }
app() { env "${MIXED_ENV[@]}" dotnet "$app_dll" --contentRoot "$bench_root/src/Tongxing.Web" "$@"; }
audit_ok() { app verify-audit >"$work/verify.log" 2>&1; }
# check_audit: verify-audit's verdict, as a check with the line it printed.
check_audit() { local rc=0; audit_ok || rc=$?; check "verify-audit passes: $(grep -v '^{' "$work/verify.log" | tail -1)" "[ $rc = 0 ]"; }
# utf8 N: the first N bytes of each line, without a character cut in half.
utf8() { cut -b1-"$1" | iconv -f UTF-8 -t UTF-8 -c; }
base=http://127.0.0.1:5170
# cookie_of URL USER: a cookie header for USER, signed in at URL (nginx or one node).
cookie_of() {
  local url=$1 user=$2 jar; jar=$(mktemp)
  local token; token=$(curl -s -c "$jar" "$url/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$user" --data-urlencode "Password=Tongxing@2020" --data-urlencode "__RequestVerificationToken=$token" "$url/Account/Login"
  echo "tongxing=$(awk '$6=="tongxing"{print $7}' "$jar")"; rm -f "$jar"
}
# kill_node N: kill -9 node N and reap it (without the shell's "Killed" notice).
kill_node() { kill -9 "${NODE_PID[$1]}"; wait "${NODE_PID[$1]}" 2>/dev/null; unset "NODE_PID[$1]"; }
restart_node() { mixed_node "$1" >/dev/null && echo "   node$1 started again (pid ${NODE_PID[$1]})"; }

echo "== province of $households households with funds, 20 officials"
OFFICIALS=20 mixed_generate "$households"
mixed_node 1; mixed_node 2; mixed_nginx "$work"
town_cookie=$(cookie_of $base bench.town)

echo
echo "== 1. kill -9 a node in the middle of a $rows-row 附件1 import"
app bench-import-file "$rows" "$work/a1.xlsx" | tail -1
job=$(curl -s -H "Cookie: $town_cookie" -F "file=@$work/a1.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "$base/api/v1/survey/imports?dryRun=false&wait=false")
jobid=$(echo "$job" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
check "the import was accepted as a job ($jobid)" '[ -n "$jobid" ]'
claimed=""; for _ in $(seq 1 120); do claimed=$(sql "SELECT \"ClaimedBy\" FROM \"ImportUploads\" WHERE \"Id\" = '$jobid'"); [ -n "$claimed" ] && break; sleep 0.5; done
# Let it get into its writing, then kill the node running it.
for _ in $(seq 1 240); do done_rows=$(sql "SELECT \"ProcessedRows\" FROM \"ImportUploads\" WHERE \"Id\" = '$jobid'"); [ "${done_rows:-0}" -gt $((rows / 3)) ] && break; sleep 0.25; done
victim=${claimed#node}; phase=$(sql "SELECT \"Phase\" || ' ' || \"ProcessedRows\" || '/' || \"TotalRows\" FROM \"ImportUploads\" WHERE \"Id\" = '$jobid'")
echo "   job claimed by $claimed, at \"$phase\": kill -9 node$victim"
kill_node $victim
state=""; start=$SECONDS
for _ in $(seq 1 600); do
  state=$(curl -s -H "Cookie: $town_cookie" "$base/api/v1/survey/imports/$jobid" | grep -o '"status":"[^"]*"' | head -1 | cut -d'"' -f4)
  case "$state" in Done|Failed) break ;; esac
  sleep 1
done
took=$((SECONDS - start)); finisher=$(sql "SELECT \"ClaimedBy\" FROM \"ImportUploads\" WHERE \"Id\" = '$jobid'")
check "the job finished after the kill (status ${state:-none} after ${took} s, finished by ${finisher:-nobody})" '[ "$state" = Done ]'
check "it was taken over by the other node" '[ -n "$finisher" ] && [ "$finisher" != "$claimed" ]'
# The file's people have IDs of an address code (460199) no generated person has.
imported="SELECT DISTINCT \"HouseholdId\" FROM \"Members\" WHERE \"IdNumber\" LIKE '460199%'"
made=$(sql "SELECT count(*) FROM ($imported) i")
check "every household of the file exists: $made of $rows" '[ "$made" = "$rows" ]'
dupes=$(sql "SELECT count(*) FROM (SELECT \"IdNumber\" FROM \"Members\" WHERE \"IdNumber\" LIKE '460199%' GROUP BY \"IdNumber\" HAVING count(*) > 1) d")
check "and exactly once: $dupes ID numbers more than once" '[ "$dupes" = 0 ]'
bare=$(sql "SELECT count(*) FROM \"Households\" h WHERE NOT EXISTS (SELECT 1 FROM \"Members\" m WHERE m.\"HouseholdId\" = h.\"Id\")")
check "every household has its members ($bare without)" '[ "$bare" = 0 ]'
nohist=$(sql "SELECT count(*) FROM ($imported) i WHERE NOT EXISTS (SELECT 1 FROM \"HouseholdEvents\" e WHERE e.\"HouseholdId\" = i.\"HouseholdId\")")
check "every imported household has its history ($nohist without)" '[ "$nohist" = 0 ]'
check_audit
restart_node "$victim"

echo
echo "== 2. kill -9 a node while it applies a bank result of 3000 payments (written $chunk rows per transaction)"
# setup: 3000 filed households with accounts for bench.town, their money allocated to the town by the district
# federation, a batch of them built and sent to the bank — each through the app's handlers.
setup=$(app bench-payments setup 3000 "$work/none.xlsx" | tail -1); echo "$setup"
check "the batch of 3000 was sent to the bank" '[[ "$setup" == *sent=True* ]]'
app bench-payments result-file 3000 "$work/result.xlsx" | tail -1
batch=$(sql "SELECT \"Id\" FROM \"PaymentBatches\" WHERE \"TownCode\" = (SELECT \"AreaCode\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'bench.town') ORDER BY \"Number\" DESC LIMIT 1")
of_batch="SELECT \"Id\" FROM \"Payments\" WHERE \"BatchId\" = '$batch'"
paid_count() { sql "SELECT count(*) FROM \"Payments\" WHERE \"BatchId\" = '$batch' AND \"State\" = 3"; }
c1=$(cookie_of http://127.0.0.1:5171 bench.town)
fp=$(curl -s -H "Cookie: $c1" -F "file=@$work/result.xlsx" "http://127.0.0.1:5171/api/v1/payment-batches/$batch/result?dryRun=true" | grep -o '"fingerprint":"[^"]*"' | cut -d'"' -f4)
check "the dry run answers a fingerprint" '[ -n "$fp" ]'
curl -s -o "$work/apply.out" -w '%{http_code}' -H "Cookie: $c1" -F "file=@$work/result.xlsx" -F "fingerprint=$fp" "http://127.0.0.1:5171/api/v1/payment-batches/$batch/result?dryRun=false" >"$work/apply.code" 2>&1 &
applying=$!
# Kill the node once its first transactions are committed, while it is still writing the rest.
paid=0; for _ in $(seq 1 600); do paid=$(paid_count); [ "${paid:-0}" -gt 0 ] && break; kill -0 $applying 2>/dev/null || break; sleep 0.1; done
kill_node 1
echo "   node1 killed with $paid of 3000 paid"
wait $applying; code=$(cat "$work/apply.code")
echo "   the client applying it got: HTTP ${code:-000} (000 = connection closed)"
check "the client got an answer or a connection error, nothing hanging" '[ -n "$code" ]'
paid=$(paid_count)
lines=$(sql "SELECT count(*) FROM \"FundEntries\" WHERE \"Kind\" = 3 AND \"PaymentId\" IN ($of_batch)")
unlined=$(sql "SELECT count(*) FROM \"Payments\" p WHERE p.\"BatchId\" = '$batch' AND p.\"State\" = 3 AND NOT EXISTS (SELECT 1 FROM \"FundEntries\" e WHERE e.\"PaymentId\" = p.\"Id\" AND e.\"Kind\" = 3)")
stray=$(sql "SELECT count(*) FROM \"FundEntries\" e JOIN \"Payments\" p ON p.\"Id\" = e.\"PaymentId\" WHERE p.\"BatchId\" = '$batch' AND p.\"State\" <> 3")
unmarked=$(sql "SELECT count(*) FROM \"Payments\" p JOIN \"Households\" h ON h.\"Id\" = p.\"HouseholdId\" WHERE p.\"BatchId\" = '$batch' AND (p.\"State\" = 3) <> (h.\"Status\" = 11)")
echo "   after the kill: $paid of 3000 paid, $lines ledger lines (one per source of each paid payment)"
check "the kill landed mid-way: some but not all were paid ($paid)" '[ "$paid" -gt 0 ] && [ "$paid" -lt 3000 ]'
check "only whole transactions were written ($paid is a multiple of $chunk)" '[ $((paid % chunk)) = 0 ]'
check "nothing half-applied: each paid payment has its ledger lines ($unlined without), no line for an unpaid one ($stray), each household's status agrees with its payment ($unmarked disagree)" '[ "$unlined" = 0 ] && [ "$stray" = 0 ] && [ "$unmarked" = 0 ]'
before_retry=$paid
curl -s -o "$work/retry-dry.json" -H "Cookie: $town_cookie" -F "file=@$work/result.xlsx" "$base/api/v1/payment-batches/$batch/result?dryRun=true"
fp2=$(grep -o '"fingerprint":"[^"]*"' "$work/retry-dry.json" | cut -d'"' -f4)
recorded=$(grep -o '"kind":"Recorded"' "$work/retry-dry.json" | wc -l)
check "the retry's dry run reads the rows already paid as 已登记 ($recorded of $before_retry)" '[ "$recorded" = "$before_retry" ]'
retry=$(curl -s -o "$work/retry.out" -w '%{http_code}' -H "Cookie: $town_cookie" -F "file=@$work/result.xlsx" -F "fingerprint=$fp2" "$base/api/v1/payment-batches/$batch/result?dryRun=false")
paid=$(paid_count)
twice=$(sql "SELECT count(*) FROM (SELECT 1 FROM \"FundEntries\" WHERE \"PaymentId\" IN ($of_batch) GROUP BY \"PaymentId\", \"Kind\", \"Source\" HAVING count(*) > 1) d")
unlined=$(sql "SELECT count(*) FROM \"Payments\" p WHERE p.\"BatchId\" = '$batch' AND NOT EXISTS (SELECT 1 FROM \"FundEntries\" e WHERE e.\"PaymentId\" = p.\"Id\" AND e.\"Kind\" = 3)")
closed=$(sql "SELECT \"State\" FROM \"PaymentBatches\" WHERE \"Id\" = '$batch'")
echo "   retry through nginx: HTTP $retry, $(grep -o '"paidCount":[0-9]*\|"closed":[a-z]*' "$work/retry.out" | paste -sd' ')"
check "the retry applied the rest: HTTP $retry, all 3000 paid ($paid), each with its ledger lines ($unlined without)" '[ "$retry" = 200 ] && [ "$paid" = 3000 ] && [ "$unlined" = 0 ]'
check "no payment's ledger line twice ($twice)" '[ "$twice" = 0 ]'
check "the batch is closed once every row has its result (state $closed, 3 = closed)" '[ "$closed" = 3 ]'
check_audit
restart_node 1

echo
echo "== 3. kill -9 a node in the middle of a bulk approval of 500 households"
app bench-waiting 500 | tail -1
ids=$(curl -s -H "Cookie: $town_cookie" "$base/api/v1/approvals?step=ApproveByTown" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | head -500 | sed 's/.*/"&"/' | paste -sd,)
count=$(echo "$ids" | tr ',' '\n' | grep -c . || true)
c2=$(cookie_of http://127.0.0.1:5172 bench.town)
events_before=$(sql "SELECT count(*) FROM \"HouseholdEvents\"")
curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $c2" -H 'Content-Type: application/json' -d "{\"action\":\"ApproveByTown\",\"comment\":\"同意\",\"households\":[$ids]}" http://127.0.0.1:5172/api/v1/households/batch >"$work/batch.code" 2>&1 &
approving=$!
sleep "${KILL_AFTER_BATCH:-0.7}"
kill_node 2
wait $approving; code=$(cat "$work/batch.code")
moved=$(sql "SELECT count(*) FROM \"HouseholdEvents\"")
echo "   $count households sent; the client got HTTP ${code:-000}; history lines since: $((moved - events_before))"
statuses=$(sql "SELECT \"Status\" || ':' || count(*) FROM \"Households\" WHERE \"Id\" IN ($(echo "$ids" | tr '"' "'")) GROUP BY \"Status\" ORDER BY 1" | paste -sd' ')
echo "   their states now: $statuses"
check "a bulk approval of $count was sent" '[ "$count" -ge 100 ]'
retry=$(curl -s -o "$work/batch-retry.json" -w '%{http_code}' -H "Cookie: $town_cookie" -H 'Content-Type: application/json' -d "{\"action\":\"ApproveByTown\",\"comment\":\"同意\",\"households\":[$ids]}" "$base/api/v1/households/batch")
done_now=$(grep -o '"done":[0-9]*' "$work/batch-retry.json" | cut -d: -f2); refused=$(grep -o '"refused":[0-9]*' "$work/batch-retry.json" | cut -d: -f2)
echo "   retry through nginx: HTTP $retry, done ${done_now:-?}, refused ${refused:-?} (already approved)"
states=$(sql "SELECT count(DISTINCT \"Status\") FROM \"Households\" WHERE \"Id\" IN ($(echo "$ids" | tr '"' "'"))")
check "after the retry all $count are in one state" '[ "$retry" = 200 ] && [ "$states" = 1 ]'
in_list=$(echo "$ids" | tr '"' "'")
twice=$(sql "SELECT count(*) FROM (SELECT \"HouseholdId\" FROM \"HouseholdEvents\" WHERE \"To\" = 8 AND \"HouseholdId\" IN ($in_list) GROUP BY \"HouseholdId\" HAVING count(*) > 1) d")
half=$(sql "SELECT count(*) FROM \"Households\" h WHERE h.\"Id\" IN ($in_list) AND (h.\"Status\" = 8) <> EXISTS (SELECT 1 FROM \"HouseholdEvents\" e WHERE e.\"HouseholdId\" = h.\"Id\" AND e.\"To\" = 8)")
check "no household half-approved (state and history disagree for $half)" '[ "$half" = 0 ]'
check "each household approved once: $twice with more than one history line" '[ "$twice" = 0 ]'
check_audit
restart_node 2

echo
echo "== 4. PostgreSQL restarted (-m fast) while 20 officials work (clients retry a failed request each second)"
mixed_load 60 "$work/pg.tsv" --think 0.5 --retry >/dev/null &
loading=$!
sleep 20
run_pg "$pgbin/pg_ctl -D $PGDIR -m fast -w restart -o \"-p $pgport -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200\"" >/dev/null
echo "   PostgreSQL restarted at 20 s"
wait $loading
column -t -s$'\t' "$work/pg.tsv" | awk 'NR==1 || /ALL/'
read -r errors conn nomsg unrecovered < <(awk -F'\t' '$1=="ALL"{print $6, $12, $13, $15}' "$work/pg.tsv")
echo "   errors during the restart: $errors ($conn connection errors); first ones:"; head -5 "$work/pg.errors.txt" | utf8 220 | sed 's/^/     /'
check "every failed request was a connection error or carried a message ($nomsg without)" '[ "$nomsg" = 0 ]'
check "every failed request succeeded when retried ($unrecovered did not)" '[ "$unrecovered" = 0 ]'
h1=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5171/healthz); h2=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5172/healthz)
l=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $town_cookie" "$base/api/v1/households?pageSize=20")
check "both nodes recovered without a restart (healthz $h1 $h2, a list $l)" '[ "$h1" = 200 ] && [ "$h2" = 200 ] && [ "$l" = 200 ]'
check_audit

echo
echo "== 5. the uploads file system full while receipt photos are uploaded"
# bench.village (made by fault 2's setup) is the branch of the village with most of fault 2's 3000 payments, now paid and
# waiting for their signed receipts.
village=bench.village
echo "   village official: $village ($(sql "SELECT count(*) FROM \"Payments\" p JOIN \"AspNetUsers\" u ON u.\"AreaCode\" = p.\"VillageCode\" WHERE u.\"UserName\" = '$village' AND p.\"State\" = 3 AND p.\"ReceiptKind\" IS NULL") payments waiting for a receipt)"
vc=$(cookie_of $base "$village")
receipt() { # receipt PAYMENT VERSION: uploads a photo of a signed receipt; prints the HTTP status, the body to $work/receipt.json
  curl -s -o "$work/receipt.json" -w '%{http_code}' -H "Cookie: $vc" -F kind=SignedPhoto -F "on=$(TZ=Asia/Shanghai date +%F)" -F "version=$2" \
    -F "photo=@$bench_root/src/Tongxing.Web/wwwroot/icons/icon-192.png;type=image/png" "$base/api/v1/payments/$1/receipt"
}
pending() { curl -s -H "Cookie: $vc" "$base/api/v1/funds/receipts?state=pending" | grep -o '"paymentId":"[^"]*"\|"version":[0-9]*' | paste - - | head -"$1"; }
# Only what this fault stores is checked: the generated province's receipts name a photo that was never written.
since=$(sql "SELECT now()")
files_before=$(find "$UPLOADS" -type f | wc -l)
dd if=/dev/zero of="$UPLOADS/filler" bs=1M 2>/dev/null || true
echo "   uploads file system: $(df -h "$UPLOADS" | awk 'NR==2{print $3 " used of " $2 ", " $4 " free"}')"
refused=0; clear=0; tried=0
while read -r p v; do
  pid=$(echo "$p" | cut -d'"' -f4); ver=${v#*:}
  code=$(receipt "$pid" "$ver"); tried=$((tried + 1))
  [ "$code" = 503 ] && refused=$((refused + 1))
  grep -qP '[\x{4e00}-\x{9fff}]' "$work/receipt.json" && clear=$((clear + 1))
  echo "   upload on a full disk: HTTP $code $(grep -o '"title":"[^"]*"' "$work/receipt.json")"
done < <(pending 3)
check "uploads on a full disk were refused with 503 ($refused of $tried)" '[ "$tried" -gt 0 ] && [ "$refused" = "$tried" ]'
check "each with a Chinese message ($clear of $tried)" '[ "$clear" = "$tried" ]'
recorded=$(sql "SELECT count(*) FROM \"Payments\" WHERE \"ReceiptRecordedAt\" >= '$since'")
check "no receipt was recorded for a refused upload ($recorded)" '[ "$recorded" = 0 ]'
left=$(( $(find "$UPLOADS" -type f | wc -l) - 1 - files_before ))
check "no partial file was left behind ($left)" '[ "$left" = 0 ]'
rm -f "$UPLOADS/filler"
read -r p v < <(pending 1); pid=$(echo "$p" | cut -d'"' -f4)
code=$(receipt "$pid" "${v#*:}")
stored=$(sql "SELECT \"ReceiptStoredName\" FROM \"Payments\" WHERE \"Id\" = '${pid:-00000000-0000-0000-0000-000000000000}'")
check "after freeing space an upload works (HTTP $code) and its file is there" '[ "$code" = 200 ] && [ -n "$stored" ] && [ -f "$UPLOADS/$stored" ]'
missing=0; stored_now=0
for f in $(sql "SELECT \"ReceiptStoredName\" FROM \"Payments\" WHERE \"ReceiptRecordedAt\" >= '$since' AND \"ReceiptStoredName\" IS NOT NULL"); do
  stored_now=$((stored_now + 1)); [ -f "$UPLOADS/$f" ] || missing=$((missing + 1))
done
check "no receipt stored during this fault points to a missing file ($missing of $stored_now do)" '[ "$stored_now" -gt 0 ] && [ "$missing" = 0 ]'
check_audit

echo
echo "faults: $failures checks failed"
[ "$failures" = 0 ]
