# Two app nodes on one PostgreSQL behind nginx, for the mixed load and the faults. Sourced, not run (after bench/lib.sh).
# Needs: nginx, PostgreSQL 15 binaries, curl, the app and bench/Tongxing.Load built.

nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
load_dll=$bench_root/bench/Tongxing.Load/bin/Release/net10.0/Tongxing.Load.dll
app_dll=$bench_root/src/Tongxing.Web/bin/Release/net10.0/Tongxing.Web.dll

mixed_build() {
  flock /tmp/tongxing-build.lock dotnet build -c Release "$bench_root/src/Tongxing.Web" -nologo -v q >/dev/null
  flock /tmp/tongxing-build.lock dotnet build -c Release "$bench_root/bench/Tongxing.Load" -nologo -v q >/dev/null
}

# mixed_env WORK PGPORT: the nodes' settings (docs/deployment.md) plus the benchmark's: sign-ins not rate-limited (200
# officials sign in from one address), no second factor for 区残联 (a browser's TOTP step is not what is measured).
mixed_env() {
  local work=$1 pgport=$2
  read -ra MIXED_ENV <<<"$(bench_env postgres "$work/data" "$pgport")"
  MIXED_ENV=("${MIXED_ENV[@]/Uploads__Path=*/Uploads__Path=${UPLOADS:-$work/data/uploads}}")
  MIXED_ENV+=(ReverseProxy__KnownProxies__0=127.0.0.1 Security__RequireTwoFactorRoles__0=Administrator Security__RequireTwoFactorRoles__1=Administrator
    Jobs__StaleSeconds="${STALE_SECONDS:-60}" Logging__LogLevel__Default=Warning)
}

# mixed_generate N: the province (with funds) and the officials' accounts, written to $work/officials.txt.
mixed_generate() {
  local n=$1
  local start=$SECONDS
  env "${MIXED_ENV[@]}" dotnet "$app_dll" --contentRoot "$bench_root/src/Tongxing.Web" generate "$n" --funds | tail -1
  GENERATE_SECONDS=$((SECONDS - start))
  env "${MIXED_ENV[@]}" dotnet "$app_dll" --contentRoot "$bench_root/src/Tongxing.Web" bench-officials "${OFFICIALS:-200}" "$work/officials.txt" | tail -1
}

# mixed_node N: starts node N on port 517N; sets NODE_PID[N].
declare -A NODE_PID
mixed_node() {
  bench_app "517$1" "${MIXED_ENV[@]}" Node__Name="node$1" || return 1
  NODE_PID[$1]=$APP_PID
}

# mixed_nginx WORK: nginx on 5170 in front of the nodes on 5171 and 5172.
mixed_nginx() {
  local work=$1
  mkdir -p "$work/nginx"
  if [ "$(id -u)" -eq 0 ]; then
    chmod 711 "$work" && mkdir -p "$work/nginx/body" "$work/nginx/proxy" && chown nobody "$work/nginx/body" "$work/nginx/proxy" && chmod 711 "$work/nginx"
  fi
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    upstream tongxing {
        least_conn;
        server 127.0.0.1:5171 max_fails=3 fail_timeout=10s;
        server 127.0.0.1:5172 max_fails=3 fail_timeout=10s;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:5170;
        client_max_body_size 20m;
        proxy_read_timeout 330s;
        location / {
            proxy_pass http://tongxing;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
EOF
  "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf"
  for _ in $(seq 1 40); do curl -sf -o /dev/null http://127.0.0.1:5170/healthz && return 0; sleep 0.25; done
  echo "nginx did not answer"; return 1
}

mixed_stop() {
  local work=$1
  for p in "${NODE_PID[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
}

# mixed_load SECONDS OUT [extra options]: the load generator through nginx, sampling both nodes' memory.
mixed_load() {
  local secs=$1 out=$2; shift 2
  local nodes=()
  for n in "${!NODE_PID[@]}"; do nodes+=(--node "node$n=${NODE_PID[$n]}"); done
  DOTNET_gcServer=0 dotnet "$load_dll" --base http://127.0.0.1:5170 --officials "$work/officials.txt" --seconds "$secs" \
    --photo "$bench_root/src/Tongxing.Web/wwwroot/icons/icon-192.png" --out "$out" "${nodes[@]}" "$@"
}
