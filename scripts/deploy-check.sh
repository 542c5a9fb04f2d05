#!/usr/bin/env bash
# Proves the installation of docs/deployment.md ("在一台新服务器上安装") from the published release, against a
# throwaway PostgreSQL and with no demo data:
#   release unpacked → settings from the example → import-areas (dry run, then for real; the administrator's area must
#   exist first) → create-admin → the app starts → no demo account exists → sign in with the one-time password → the
#   forced password change → the year's programme through the API → verify-audit.
# Usage: scripts/deploy-check.sh [release folder or .tar.gz]   (default: runs scripts/publish.sh)
# Ends with "deploy-check: PASS" (exit 0) or "deploy-check: FAIL at <step>" (exit 1). Needs PostgreSQL 15's binaries
# (Debian: postgresql) and curl; run as root (PostgreSQL runs as the postgres user) or as the postgres user.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pgbin=${TONGXING_PG_BIN:-/usr/lib/postgresql/15/bin}
work=$(mktemp -d /tmp/tongxing-deploy.XXXXXX)
chmod 755 "$work"
app_pid=""
step="start"

run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  run_pg "$pgbin/pg_ctl -D $work/pg -m fast -w stop" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "!! $step: $*"
  [ -f "$work/app.log" ] && { echo "-- app log (last lines):"; grep -v '"LogLevel":"Information"' "$work/app.log" | tail -15 | cut -c1-400; }
  echo "deploy-check: FAIL at $step"
  exit 1
}
free_port() { local p; for p in $(seq "$1" $(($1 + 200))); do (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
[ -x "$pgbin/initdb" ] || { step="prerequisites"; fail "PostgreSQL binaries not found in $pgbin (apt-get install postgresql)"; }

step="release"
release=${1:-}
if [ -z "$release" ]; then
  release=$(scripts/publish.sh | tail -1) || fail "scripts/publish.sh failed"
fi
mkdir -p "$work/opt"
if [ -f "$release" ]; then
  tar -C "$work/opt" -xzf "$release" || fail "cannot unpack $release"
else
  cp -a "$release" "$work/opt/" || fail "no release at $release"
fi
opt=$(find "$work/opt" -mindepth 1 -maxdepth 1 -type d | head -1)
for f in Tongxing.Web tongxing tongxing.service appsettings.Production.json.example; do
  [ -e "$opt/$f" ] || fail "the release has no $f"
done
grep -q '^ProtectSystem=strict' "$opt/tongxing.service" && grep -q '^EnvironmentFile=' "$opt/tongxing.service" || fail "tongxing.service lacks its hardening or EnvironmentFile"
echo "== release $(cat "$opt/VERSION" 2>/dev/null) unpacked into $opt"

step="postgresql"
pgport=$(free_port 55432)
mkdir -p "$work/pg" && chown postgres:postgres "$work/pg" 2>/dev/null
run_pg "$pgbin/initdb -D $work/pg -U postgres -E UTF8 --locale=C.UTF-8 -A trust" >/dev/null || fail "initdb failed"
run_pg "$pgbin/pg_ctl -D $work/pg -o '-p $pgport -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $work/pg/log -w start" >/dev/null || fail "PostgreSQL did not start"
# The role and database of docs/deployment.md.
run_pg "$pgbin/psql -h 127.0.0.1 -p $pgport -U postgres -v ON_ERROR_STOP=1 -q -c \"CREATE ROLE tongxing LOGIN PASSWORD 'deploy-check-Pw1'\" -c \"CREATE DATABASE tongxing OWNER tongxing ENCODING 'UTF8'\"" \
  || fail "cannot create the role and database"
echo "== PostgreSQL on port $pgport, role and database tongxing"

step="settings"
appport=$(free_port 55080)
base="http://127.0.0.1:$appport"
mkdir -p "$work/var/uploads"
# As the operator does: the example, with the marked values filled in.
sed -e "s|Host=127.0.0.1;Port=5432;Database=tongxing;Username=tongxing;Password=请替换为数据库密码|Host=127.0.0.1;Port=$pgport;Database=tongxing;Username=tongxing;Password=deploy-check-Pw1|" \
    -e "s|\"AllowedHosts\": \"tongxing.example.gov.cn\"|\"AllowedHosts\": \"127.0.0.1\"|" \
    -e "s|https://tongxing.example.gov.cn|$base|" \
    -e "s|/var/lib/tongxing/uploads|$work/var/uploads|" \
    "$opt/appsettings.Production.json.example" > "$opt/appsettings.Production.json"
grep -q "Port=$pgport" "$opt/appsettings.Production.json" || fail "the example's connection string was not where docs/deployment.md says"
printf 'ASPNETCORE_URLS=%s\n' "$base" > "$work/tongxing.env"
export TONGXING_ENV_FILE=$work/tongxing.env
tongxing() { "$opt/tongxing" "$@"; }

step="import-areas"
# The official layout (统计用区划代码,名称) of Liunan's districts, towns and villages.
awk -F, 'NR==1 && $1=="统计用区划代码" {print; next} NR==1 {print "统计用区划代码,名称"; next} {print $1 "," $2}' \
  src/Tongxing.Web/Data/Seed/areas.csv > "$work/liunan.csv"
tongxing import-areas "$work/liunan.csv" --dry-run > "$work/import.out" 2>&1 || { rc=$?; cat "$work/import.out"; fail "the dry run exited $rc"; }
tongxing import-areas "$work/liunan.csv" >> "$work/import.out" 2>&1 || { rc=$?; cat "$work/import.out"; fail "the import exited $rc"; }
villages=$(grep -c ',.*村委会$\|,.*居委会$' "$work/liunan.csv")
echo "== import-areas: $villages village and community committees imported"

step="create-admin"
tongxing create-admin admin --area 450204000000 > "$work/create-admin.out" 2>&1 || { rc=$?; cat "$work/create-admin.out"; fail "create-admin exited $rc"; }
password=$(grep -o '一次性密码：.*' "$work/create-admin.out" | sed 's/一次性密码：//' | tr -d '[:space:]')
[ -n "$password" ] || { cat "$work/create-admin.out"; fail "create-admin printed no one-time password"; }
echo "== create-admin: administrator admin, one-time password printed"

step="start"
(cd "$opt" && exec "$opt/tongxing") > "$work/app.log" 2>&1 &
app_pid=$!
curl -fs --retry 90 --retry-connrefused --retry-delay 1 --retry-max-time 90 -o /dev/null "$base/healthz" || fail "the app did not answer /healthz"
echo "== the published app answers $base/healthz"

jar=$work/cookies
token() { curl -s -b "$jar" -c "$jar" "$base$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
# post PAGE field=value…: posts the page's form with its antiforgery token; prints the status and the redirect target.
post() {
  local page=$1; shift
  local args=() t; t=$(token "$page")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -b "$jar" -c "$jar" -o "$work/last.html" -w '%{http_code} %{redirect_url}' --data-urlencode "__RequestVerificationToken=$t" "${args[@]}" "$base$page"
}

step="no demo data"
answer=$(post /Account/Login "UserName=qucanlian" "Password=Tongxing@2020")
[[ $answer == 200* ]] || fail "a demo account signed in ($answer)"
rm -f "$jar"

step="sign-in"
answer=$(post /Account/Login "UserName=admin" "Password=$password")
[[ $answer == 302* ]] || fail "sign-in with the one-time password answered $answer"

step="forced password change"
answer=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' "$base/")
[[ $answer == "302 "*"/Account/Password"* ]] || fail "the home page did not send the new administrator to change the password ($answer)"
newpass='Deploy-check-2026!'
answer=$(post /Account/Password "CurrentPassword=$password" "NewPassword=$newpass" "ConfirmPassword=$newpass")
[[ $answer == 302* ]] || fail "changing the password answered $answer"
echo "== signed in as admin, changed the one-time password"

step="two-step enrolment"
# An administrator must enrol an authenticator (Security:RequireTwoFactorRoles): read the key off the page and answer
# with the code an authenticator app would show (RFC 6238, SHA-1, 30 s, 6 digits).
answer=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' "$base/")
[[ $answer == "302 "*"/Account/TwoFactor"* ]] || fail "the administrator was not sent to enrol two-step sign-in ($answer)"
key=$(curl -s -b "$jar" -c "$jar" "$base/Account/TwoFactor" | grep -o '<code id="authenticator-key">[^<]*' | sed 's/.*>//; s/ //g')
[ -n "$key" ] || fail "no authenticator key on /Account/TwoFactor"
code=$(python3 -c 'import base64,hmac,hashlib,struct,sys,time
k=base64.b32decode(sys.argv[1].upper()+"="*(-len(sys.argv[1])%8)); h=hmac.new(k,struct.pack(">Q",int(time.time())//30),hashlib.sha1).digest()
o=h[-1]&15; print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$key")
answer=$(post /Account/TwoFactor "Code=$code")
[[ $answer == 200* ]] && grep -q '恢复码' "$work/last.html" || fail "enrolling the authenticator answered $answer"
answer=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' "$base/")
[ "$answer" = 200 ] || fail "after enrolment the home page answered $answer"
echo "== two-step sign-in enrolled, recovery codes shown"

step="programme"
# POST /api/v1/programmes with the fields of the programme form (ProgrammeInput).
year=$(date -u +%Y)
programme=$(cat <<JSON
{
  "districtCode": "450204000000", "year": $year, "name": "$year年柳南区党员扶残温暖同行项目",
  "quota": 152, "minHouseholdsPerVillage": 1, "subsidyPerHousehold": "1000",
  "referenceDate": "$year-04-02", "maleMinAge": 16, "maleMaxAge": 59, "femaleMinAge": 16, "femaleMaxAge": 54,
  "priorityIncomeThreshold": "5000", "blockEarlierSupported": false,
  "minSkills": 1, "maxSkills": 2, "minHelpers": 1, "maxHelpers": 2, "noticeWorkingDays": 5,
  "townQuotas": [ { "townCode": "450204101000", "quota": 70 }, { "townCode": "450204102000", "quota": 82 } ],
  "fundShares": [ { "source": "Region", "percent": "70" }, { "source": "City", "percent": "10" }, { "source": "District", "percent": "20" } ],
  "phases": [
    { "phase": "Survey", "start": "$year-04-01", "end": "$year-04-20", "deadline": "$year-04-09" },
    { "phase": "Approval", "start": "$year-04-21", "end": "$year-05-31" },
    { "phase": "Funds", "start": "$year-06-01", "end": "$year-07-31" },
    { "phase": "Pairing", "start": "$year-06-01", "end": "$year-08-31" },
    { "phase": "Summary", "start": "$year-11-01", "end": "$year-11-20" },
    { "phase": "Inspection", "start": "$year-11-21", "end": "$year-11-30", "deadline": "$year-11-27" }
  ]
}
JSON
)
answer=$(curl -s -b "$jar" -o "$work/programme.json" -w '%{http_code}' -H 'Content-Type: application/json' --data "$programme" "$base/api/v1/programmes")
[[ $answer == 20[01] ]] || { head -c 600 "$work/programme.json"; echo; fail "POST /api/v1/programmes answered $answer"; }
curl -s -b "$jar" "$base/api/v1/programmes" | grep -q "\"year\":$year" || fail "the new programme is not listed by GET /api/v1/programmes"
echo "== the $year programme of 柳南区 created through the API"

step="verify-audit"
kill "$app_pid" && wait "$app_pid" 2>/dev/null; app_pid=""
tongxing verify-audit > "$work/audit.out" 2>&1 || { rc=$?; cat "$work/audit.out"; fail "verify-audit exited $rc"; }
echo "== $(grep -o '审计日志.*' "$work/audit.out")"

echo "deploy-check: PASS"
