#!/usr/bin/env bash
# Two app nodes on one PostgreSQL behind nginx, as docs/deployment.md lays them out (plain HTTP on loopback instead of
# TLS), and the checks a deployment would make: a sign-in through nginx is served by both nodes, the client address the
# nodes record is the one nginx saw (a forged X-Forwarded-For is replaced), and an 附件1 import sent through nginx runs
# as a job claimed by one node while its progress is asked of whichever node nginx picks.
# Needs nginx (Debian: nginx-light or nginx), PostgreSQL 15 binaries and curl. Usage: bench/two-nodes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v nginx >/dev/null || command -v /usr/sbin/nginx >/dev/null || { echo "nginx missing: apt-get install -y nginx-light"; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
pgport=5442; proxy=8088; town=450204101000
dotnet build -c Release src/Tongxing.Web -nologo -v q >/dev/null
work=$(mktemp -d /tmp/tongxing-two-nodes.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -f "Tongxing.Web.dll --urls http://127.0.0.1:500[12]" 2>/dev/null || true
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  bench_pg_stop || true; rm -rf "$work"
}
trap cleanup EXIT
bench_pg_start $pgport
mkdir -p "$work/uploads" "$work/nginx"
# Started as root, nginx's workers run as nobody: they must reach the temporary folders (request bodies, e.g. uploads).
if [ "$(id -u)" -eq 0 ]; then
  chmod 711 "$work" && mkdir -p "$work/nginx/body" "$work/nginx/proxy" && chown nobody "$work/nginx/body" "$work/nginx/proxy" && chmod 711 "$work/nginx"
fi

failures=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }

# The nodes: the deployment's settings (docs/deployment.md), demo data so there are people to sign in as.
node_env=(Database__Provider=Postgres "ConnectionStrings__Tongxing=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=tongxing"
  Uploads__Path="$work/uploads" ReverseProxy__KnownProxies__0=127.0.0.1 Logging__LogLevel__Default=Warning Seed__PrintLogins=false)
for n in 1 2; do
  # Node 1 creates and seeds the database; node 2 starts on it afterwards.
  bench_app 500$n "${node_env[@]}" Node__Name=node$n || exit 1
  pids+=("$APP_PID")
done

cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    upstream tongxing {
        least_conn;
        server 127.0.0.1:5001 max_fails=3 fail_timeout=10s;
        server 127.0.0.1:5002 max_fails=3 fail_timeout=10s;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$proxy;
        client_max_body_size 20m;
        proxy_read_timeout 330s;
        location / {
            proxy_pass http://tongxing;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # For this check only: which node answered.
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf"
base=http://127.0.0.1:$proxy
for _ in $(seq 1 40); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.25; done

# 1. Sign in through nginx, from 127.0.0.2 with a forged X-Forwarded-For, then use the cookie on whichever node nginx picks.
jar=$work/jar
token=$(curl -s --interface 127.0.0.2 -c "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
status=$(curl -s --interface 127.0.0.2 -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.9' \
  --data-urlencode "UserName=luoman.dangwei" --data-urlencode "Password=Tongxing@2020" --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login")
check "sign-in through nginx answers 302 (answered $status)" '[ "$status" = 302 ]'
cookie="tongxing=$(awk '$6=="tongxing"{print $7}' "$jar")"
: >"$work/upstreams"
ok=0; extra=()
for _ in $(seq 1 20); do
  code=$(curl -s -o /dev/null -D "$work/h" -w '%{http_code}' -H "Cookie: $cookie" "$base/api/v1/me")
  [ "$code" = 200 ] && ok=$((ok + 1))
  # After a retry nginx lists every node it tried ("a, b"): the last one answered.
  { grep -i '^X-Upstream:' "$work/h" || echo "X-Upstream: none"; } | tr -d '\r' | awk '{print $NF}' >>"$work/upstreams"
  # Hold a second connection open on one node now and then, so least_conn sends the next request to the other.
  curl -s -o /dev/null -H "Cookie: $cookie" "$base/api/v1/households?pageSize=100" &
  extra+=($!)
done
wait "${extra[@]}"
check "20 requests with the cookie through nginx: $ok answered 200" '[ "$ok" = 20 ]'
served=$(sort -u "$work/upstreams" | paste -sd, -)
check "both nodes served them ($(sort "$work/upstreams" | uniq -c | tr -s ' ' | paste -sd, -))" '[ "$served" = "127.0.0.1:5001,127.0.0.1:5002" ]'
address=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing -tAc "SELECT \"Address\" FROM \"AuditEntries\" WHERE \"Action\" = '登录' ORDER BY \"Seq\" DESC LIMIT 1")
check "the audit records the address nginx saw, 127.0.0.2, not the forged one (recorded: $address)" '[ "$address" = 127.0.0.2 ]'

# 2. 附件1 through nginx: export the town's sheet, send it back as a dry-run job, follow its progress through nginx.
curl -s -H "Cookie: $cookie" -o "$work/a1.xlsx" "$base/api/v1/survey/attachment1?town=$town&filtered=true" || true
check "附件1 exported through nginx ($(stat -c %s "$work/a1.xlsx" 2>/dev/null || echo 0) bytes)" '[ -s "$work/a1.xlsx" ]'
job=$(curl -s -H "Cookie: $cookie" -F "file=@$work/a1.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "$base/api/v1/survey/imports?dryRun=true&wait=false")
jobid=$(echo "$job" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
[ -n "$jobid" ] || echo "import answered: $job"
check "import accepted as a job ($jobid)" '[ -n "$jobid" ]'
state=""; : >"$work/polled"
for _ in $(seq 1 120); do
  [ -n "$jobid" ] || break
  state=$(curl -s -D "$work/h" -H "Cookie: $cookie" "$base/api/v1/survey/imports/$jobid" | grep -o '"status":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
  { grep -i '^X-Upstream:' "$work/h" || echo "X-Upstream: none"; } | tr -d '\r' | awk '{print $NF}' >>"$work/polled"
  case "$state" in Done|Failed) break ;; esac
  sleep 0.2
done
check "the job finished (status $state), its progress asked of: $(sort "$work/polled" | uniq -c | tr -s ' ' | paste -sd, -)" '[ "$state" = Done ]'
claimed=$(psql -h 127.0.0.1 -p $pgport -U postgres -d tongxing -tAc "SELECT \"ClaimedBy\" FROM \"ImportUploads\" WHERE \"Id\" = '${jobid:-00000000-0000-0000-0000-000000000000}'")
# That the job runs only once when both workers compete is ImportJobTests' race test; here: it was claimed by a named node.
check "claimed by one of the nodes ($claimed)" '[ "$claimed" = node1 ] || [ "$claimed" = node2 ]'

echo "two nodes behind nginx: $failures failed"
[ "$failures" = 0 ]
