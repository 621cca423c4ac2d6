#!/usr/bin/env bash
# Donera throughput/latency benchmark.
#
# Compares the portal's public pages against the same bytes served as static
# files by nginx, on one core each side: the server under test (donera or
# nginx) is pinned to core 0, the load generator (wrk) to core 1.
#
# Usage (from the repo root):   bash tests/bench/run.sh
#
# Environment knobs (all optional):
#   BENCH_SECONDS          duration of one measured wrk run, seconds   (10)
#   BENCH_ROUNDS           alternating nginx/donera rounds per page      (3)
#   BENCH_WARMUP_SECONDS   warm-up run per target before the rounds      (2)
#   BENCH_CONNECTIONS      wrk -c                                        (64)
#   BENCH_THREADS          wrk -t                                        (1)
#   BENCH_PAGES            space-separated paths compared with nginx
#                          (default: "/sv/ /sv/behorighet")
#   BENCH_PORTAL_PATHS     space-separated paths benched on the portal only
#                          (no nginx comparison; default: none)
#   BENCH_STARTUP_TIMEOUT  seconds to wait for GET /healthz = 200        (60)
#   BENCH_STRICT           1: exit 1 when a target is missed or wrk saw errors
#   BENCH_WAIT_IDLE        wait up to N s for other processes to go quiet
#                          before measuring (shared dev machines)       (0)
#
# Output: a markdown table on stdout, also written to target/bench/report.md;
# raw wrk outputs in target/bench/raw/, the server's log in target/bench/.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
cd "$REPO_ROOT"

# --------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------
BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-2}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}
BENCH_THREADS=${BENCH_THREADS:-1}
BENCH_STARTUP_TIMEOUT=${BENCH_STARTUP_TIMEOUT:-60}
BENCH_STRICT=${BENCH_STRICT:-0}
BENCH_WAIT_IDLE=${BENCH_WAIT_IDLE:-0}

# Targets: donera must reach at least TARGET_RATIO of nginx's req/s on the
# same bytes, with a p99 latency under TARGET_P99_MS.
TARGET_RATIO=0.5
TARGET_P99_MS=5

# Pages compared with nginx. Add paths here (or set BENCH_PAGES).
PAGES=(/sv/ /sv/behorighet)
if [[ -n ${BENCH_PAGES:-} ]]; then
    read -r -a PAGES <<<"$BENCH_PAGES"
fi
# Pages benched against the portal only (see also extra_benches below).
PORTAL_PATHS=()
if [[ -n ${BENCH_PORTAL_PATHS:-} ]]; then
    read -r -a PORTAL_PATHS <<<"$BENCH_PORTAL_PATHS"
fi

CARGO_TARGET=${CARGO_TARGET_DIR:-$REPO_ROOT/target}
[[ $CARGO_TARGET == /* ]] || CARGO_TARGET=$REPO_ROOT/$CARGO_TARGET
BIN=$CARGO_TARGET/release/donera
OUT_DIR=$REPO_ROOT/target/bench
RAW_DIR=$OUT_DIR/raw
REPORT=$OUT_DIR/report.md

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
log() { printf '[bench] %s\n' "$*" >&2; }
warn() { printf '[bench] WARNING: %s\n' "$*" >&2; }
die() {
    printf '[bench] ERROR: %s\n' "$*" >&2
    exit 1
}

for n in BENCH_SECONDS BENCH_ROUNDS BENCH_WARMUP_SECONDS BENCH_CONNECTIONS \
    BENCH_THREADS BENCH_STARTUP_TIMEOUT BENCH_WAIT_IDLE; do
    [[ ${!n} =~ ^[0-9]+$ ]] || die "$n must be a whole number, got '${!n}'"
done
((BENCH_SECONDS > 0 && BENCH_ROUNDS > 0)) || die "BENCH_SECONDS and BENCH_ROUNDS must be > 0"

# Core pinning: server under test on core 0, load generator on core 1.
if (($(nproc) >= 2)) && command -v taskset >/dev/null; then
    SERVER_PIN=(taskset -c 0)
    LOAD_PIN=(taskset -c 1)
else
    warn "fewer than 2 cores (or no taskset): running unpinned, numbers are not comparable"
    SERVER_PIN=()
    LOAD_PIN=()
fi

TMP_ROOT=
SERVER_PID=
NGINX_PID=
POLICY_RC_ADDED=0

stop_pid() {
    local pid=$1 i
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pid "$NGINX_PID"
    stop_pid "$SERVER_PID"
    if [[ -n $TMP_ROOT && -d $TMP_ROOT ]]; then
        if [[ -f $TMP_ROOT/server/server.log ]]; then
            mkdir -p "$OUT_DIR"
            cp "$TMP_ROOT/server/server.log" "$OUT_DIR/server.log" 2>/dev/null || true
            if ((rc != 0)); then
                log "last lines of the server log ($OUT_DIR/server.log):"
                tail -n 30 "$TMP_ROOT/server/server.log" >&2 || true
            fi
        fi
        if ((rc != 0)) && [[ -f $TMP_ROOT/nginx/error.log ]]; then
            cp "$TMP_ROOT/nginx/error.log" "$OUT_DIR/nginx-error.log" 2>/dev/null || true
        fi
        rm -rf "$TMP_ROOT"
    fi
    if ((POLICY_RC_ADDED)); then
        rm -f /usr/sbin/policy-rc.d
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}

# Wait until URL answers 200, failing early when PID has exited.
wait_http_ok() {
    local url=$1 pid=$2 timeout=$3 what=$4 code deadline
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || die "$what exited before $url answered"
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
        [[ $code == 200 ]] && return 0
        sleep 0.2
    done
    die "$what: $url did not answer 200 within ${timeout}s (last status: ${code:-none})"
}

# wrk time value (e.g. 812.00us, 1.23ms, 2.00s, 1.00m) -> milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/)      { sub(/us$/, "", v); x = v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); x = v }
        else if (v ~ /s$/)  { sub(/s$/, "", v);  x = v * 1000 }
        else if (v ~ /m$/)  { sub(/m$/, "", v);  x = v * 60000 }
        else if (v ~ /h$/)  { sub(/h$/, "", v);  x = v * 3600000 }
        else { print "nan"; exit }
        printf "%.3f\n", x
    }'
}

# Median of numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 }
        END {
            if (NR == 0) { print "nan"; exit }
            if (NR % 2) print a[(NR + 1) / 2]
            else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2
        }'
}

# Netscape cookie jar (curl -c) -> "name=value; name2=value2", for wrk -H.
# For logged-in benches: log in with curl -c JAR ..., then pass the result
# as the cookie argument of bench_portal.
cookie_jar_to_header() {
    awk -F'\t' '
        /^#HttpOnly_/ { sub(/^#HttpOnly_/, "") }
        /^#/ || NF < 6 { next }
        { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }
        END { print "" }' "$1"
}

ISSUES=()

# The server and nginx must survive the whole run; something else on the
# machine killing them (e.g. a `pkill -f donera`) voids the measurement.
check_alive() {
    if [[ -n $SERVER_PID ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
        die "donera (pid $SERVER_PID) is gone ($1): it crashed or was killed from outside; see target/bench/server.log"
    fi
    if [[ -n $NGINX_PID ]] && ! kill -0 "$NGINX_PID" 2>/dev/null; then
        die "nginx (pid $NGINX_PID) is gone ($1): it crashed or was killed from outside"
    fi
}

# CPU time (clock ticks) used so far by every process on the machine except
# this script, its children (wrk), the portal, nginx and kernel threads.
# Processes that end between two samples still count through their parent's
# cutime/cstime, so the difference of two samples is the CPU that others used
# meanwhile: a busy machine (a build, a test run) makes the numbers noisy.
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
NOISE_LIMIT_PCT=10
foreign_ticks() {
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk \
        -v self="$$" -v server="${SERVER_PID:-x}" -v nginx="${NGINX_PID:-x}" '{
        pid = $1
        line = $0; sub(/^.*\) /, "", line); split(line, f, " ")
        # f[2] = ppid, f[12..15] = utime stime cutime cstime
        if (pid == self || pid == server || pid == nginx || pid == 2) next
        if (f[2] == self || f[2] == nginx || f[2] == 2) next
        t += f[12] + f[13] + f[14] + f[15]
    } END { print t + 0 }'
}
now_ns() { date +%s%N; }

# run_wrk LABEL URL SECONDS OUTFILE [COOKIE]
# Runs wrk pinned to the load core; sets WRK_RPS, WRK_P99_MS and
# WRK_OTHER_PCT, and records socket errors / non-2xx responses in ISSUES
# (and sets WRK_ERRORS=1), as well as runs during which other processes
# used more than NOISE_LIMIT_PCT of a core.
run_wrk() {
    local label=$1 url=$2 secs=$3 out=$4 cookie=${5:-} p99 line
    local args=(-t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${secs}s" --latency)
    [[ -n $cookie ]] && args+=(-H "Cookie: $cookie")
    local ticks0 ticks1 t0 t1
    check_alive "before $label"
    ticks0=$(foreign_ticks)
    t0=$(now_ns)
    if ! "${LOAD_PIN[@]}" wrk "${args[@]}" "$url" >"$out" 2>&1; then
        cat "$out" >&2
        check_alive "during $label"
        die "wrk failed for $label ($url)"
    fi
    t1=$(now_ns)
    ticks1=$(foreign_ticks)
    check_alive "during $label"
    # CPU used by other processes during the run, in % of one core.
    WRK_OTHER_PCT=$(awk -v a="$ticks0" -v b="$ticks1" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" \
        'BEGIN { d = (t1 - t0) / 1e9; printf "%.0f", (d > 0 ? (b - a) / hz / d * 100 : 0) }')
    echo "other processes' CPU during the run: ${WRK_OTHER_PCT}% of one core" >>"$out"
    if ((WRK_OTHER_PCT > NOISE_LIMIT_PCT)) && [[ $label != warm-up* ]]; then
        ISSUES+=("$label: other processes used ${WRK_OTHER_PCT}% of a core during the run (noisy)")
        warn "$label: other processes used ${WRK_OTHER_PCT}% of a core during the run: numbers are noisy"
    fi
    WRK_RPS=$(awk '$1 == "Requests/sec:" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    [[ -n $WRK_RPS && -n $p99 ]] || {
        cat "$out" >&2
        die "could not parse wrk output for $label ($url)"
    }
    WRK_P99_MS=$(to_ms "$p99")
    line=$(grep -E '^[[:space:]]*(Socket errors|Non-2xx or 3xx responses):' "$out" | sed 's/^[[:space:]]*//' | paste -sd ';' - || true)
    WRK_ERRORS=0
    if [[ -n $line ]]; then
        WRK_ERRORS=1
        ISSUES+=("$label: $line (raw: ${out#"$REPO_ROOT"/})")
        warn "$label: $line"
    fi
}

slug() { printf '%s' "$1" | tr -c 'A-Za-z0-9' '_' | sed 's/__*/_/g; s/^_//; s/_$//'; }

fmt_int() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
fmt_2() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }

# --------------------------------------------------------------------------
# 1. Tools
# --------------------------------------------------------------------------
ensure_tools() {
    local missing=0
    command -v wrk >/dev/null || missing=1
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing=1
    command -v curl >/dev/null || die "curl is required"
    ((missing)) || return 0
    [[ $(id -u) == 0 ]] || die "wrk/nginx missing and not root: apt-get install -y wrk nginx"
    # Keep the package's maintainer scripts from starting the system nginx.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        POLICY_RC_ADDED=1
    fi
    log "installing wrk and nginx from Debian"
    apt-get -o DPkg::Lock::Timeout=600 update
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y wrk nginx
    if ((POLICY_RC_ADDED)); then
        rm -f /usr/sbin/policy-rc.d
        POLICY_RC_ADDED=0
    fi
}
ensure_tools
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

# --------------------------------------------------------------------------
# 2. Build and start the portal
# --------------------------------------------------------------------------
log "cargo build --release"
cargo build --release
[[ -x $BIN ]] || die "$BIN not found after cargo build --release"

mkdir -p "$RAW_DIR"
rm -f "$RAW_DIR"/*.txt
TMP_ROOT=$(mktemp -d /tmp/donera-bench.XXXXXX)
chmod 755 "$TMP_ROOT" # nginx workers (user nobody) must reach nginx/html
mkdir -p "$TMP_ROOT/server"
chmod 700 "$TMP_ROOT/server"

SERVER_PORT=$(free_port)
DONERA_URL=http://127.0.0.1:$SERVER_PORT
SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
(
    cd "$TMP_ROOT/server"
    exec env \
        DATABASE_URL="sqlite://$TMP_ROOT/server/donera.db" \
        DONERA_LISTEN="127.0.0.1:$SERVER_PORT" \
        DONERA_BASE_URL="$DONERA_URL" \
        DONERA_SECRET_KEY="$SECRET_KEY" \
        DONERA_WORKERS=1 \
        RUST_LOG=info \
        "${SERVER_PIN[@]}" "$BIN"
) >"$TMP_ROOT/server/server.log" 2>&1 &
SERVER_PID=$!
log "donera started (pid $SERVER_PID) on $DONERA_URL, waiting for /healthz"
wait_http_ok "$DONERA_URL/healthz" "$SERVER_PID" "$BENCH_STARTUP_TIMEOUT" donera

# --------------------------------------------------------------------------
# 3a. Static copies of the pages, served by nginx
# --------------------------------------------------------------------------
NGINX_DIR=$TMP_ROOT/nginx
mkdir -p "$NGINX_DIR/html" "$NGINX_DIR/tmp"
chmod 755 "$NGINX_DIR" "$NGINX_DIR/html"

declare -A PAGE_BYTES PAGE_FILE
for i in "${!PAGES[@]}"; do
    path=${PAGES[$i]}
    file=page$i.html
    hdrs=$TMP_ROOT/headers$i
    code=$(curl -sS -o "$NGINX_DIR/html/$file" -D "$hdrs" -w '%{http_code}' "$DONERA_URL$path")
    [[ $code == 200 ]] || die "GET $path returned $code (expected 200)"
    ctype=$(awk 'tolower($1) == "content-type:" { $1 = ""; sub(/^ /, ""); sub(/\r$/, ""); print }' "$hdrs")
    [[ $ctype == "text/html; charset=utf-8" ]] ||
        warn "GET $path: Content-Type is '$ctype', nginx serves 'text/html; charset=utf-8'"
    if grep -qi '^content-encoding:' "$hdrs"; then
        warn "GET $path: response is content-encoded without Accept-Encoding"
    fi
    chmod 644 "$NGINX_DIR/html/$file"
    PAGE_FILE[$i]=$file
    PAGE_BYTES[$i]=$(wc -c <"$NGINX_DIR/html/$file")
done

NGINX_PORT=$(free_port)
while [[ $NGINX_PORT == "$SERVER_PORT" ]]; do NGINX_PORT=$(free_port); done
cat >"$NGINX_DIR/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log notice;

events {
    worker_connections 1024;
}

http {
    access_log off;
    server_tokens off;
    client_body_temp_path $NGINX_DIR/tmp/client_body;
    proxy_temp_path $NGINX_DIR/tmp/proxy;
    fastcgi_temp_path $NGINX_DIR/tmp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/tmp/uwsgi;
    scgi_temp_path $NGINX_DIR/tmp/scgi;

    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=64 inactive=60s;

    types { }
    default_type "text/html; charset=utf-8";

    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $NGINX_DIR/html;
        location / { }
    }
}
EOF
"$NGINX_BIN" -t -q -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" ||
    die "nginx config test failed"
"${SERVER_PIN[@]}" "$NGINX_BIN" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" \
    >"$NGINX_DIR/stdout.log" 2>&1 &
NGINX_PID=$!
NGINX_URL=http://127.0.0.1:$NGINX_PORT
log "nginx started (pid $NGINX_PID) on $NGINX_URL"
# With no page to compare (BENCH_PAGES=" ", e.g. to run only benches.d), nginx serves nothing.
if ((${#PAGES[@]})); then
    wait_http_ok "$NGINX_URL/${PAGE_FILE[0]}" "$NGINX_PID" 20 nginx
fi

# Both must serve identical bytes.
for i in "${!PAGES[@]}"; do
    curl -sS -o "$TMP_ROOT/check$i" "$NGINX_URL/${PAGE_FILE[$i]}"
    cmp -s "$TMP_ROOT/check$i" "$NGINX_DIR/html/${PAGE_FILE[$i]}" ||
        die "nginx does not serve the same bytes as donera for ${PAGES[$i]}"
done

# Optionally wait (up to BENCH_WAIT_IDLE seconds) until other processes have
# used at most NOISE_LIMIT_PCT of a core for 15 s in a row.
wait_for_quiet() {
    local max=$1 waited=0 quiet=0 a b pct
    ((max > 0)) || return 0
    while ((waited < max)); do
        a=$(foreign_ticks)
        sleep 5
        b=$(foreign_ticks)
        waited=$((waited + 5))
        pct=$(((b - a) * 100 / CLK_TCK / 5))
        if ((pct <= NOISE_LIMIT_PCT)); then
            quiet=$((quiet + 5))
            ((quiet >= 15)) && {
                log "machine quiet (others used ${pct}% of a core)"
                return 0
            }
        else
            quiet=0
            log "machine busy (others used ${pct}% of a core); waiting (${waited}/${max}s)"
        fi
    done
    warn "machine still busy after ${max}s; measuring anyway"
}
wait_for_quiet "$BENCH_WAIT_IDLE"

if pgrep -x rustc >/dev/null || pgrep -x cc1 >/dev/null; then
    warn "compilers are running on this machine: numbers will be noisy"
fi

# --------------------------------------------------------------------------
# 3b. Measurements
# --------------------------------------------------------------------------
TABLE_ROWS=()
ROUND_LINES=()
PORTAL_ROWS=()
# Other measurements (markdown table rows: | what | figure | target | met |), filled by benches.d.
EXTRA_ROWS=()
ANY_MISSED=0

# bench_page_vs_nginx INDEX: alternating rounds nginx / donera on page INDEX.
bench_page_vs_nginx() {
    local i=$1 path=${PAGES[$1]} s r
    local n_url=$NGINX_URL/${PAGE_FILE[$1]} d_url=$DONERA_URL${PAGES[$1]}
    local n_rps=() n_p99=() d_rps=() d_p99=() d_errors=0 n_other
    s=$(slug "$path")
    [[ -n $s ]] || s=root
    log "page $path (${PAGE_BYTES[$i]} bytes): warm-up ${BENCH_WARMUP_SECONDS}s each"
    if ((BENCH_WARMUP_SECONDS > 0)); then
        run_wrk "warm-up nginx $path" "$n_url" "$BENCH_WARMUP_SECONDS" "$RAW_DIR/$s-nginx-warmup.txt"
        run_wrk "warm-up donera $path" "$d_url" "$BENCH_WARMUP_SECONDS" "$RAW_DIR/$s-donera-warmup.txt"
    fi
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do
        run_wrk "nginx $path round $r" "$n_url" "$BENCH_SECONDS" "$RAW_DIR/$s-nginx-r$r.txt"
        n_rps+=("$WRK_RPS")
        n_p99+=("$WRK_P99_MS")
        n_other=$WRK_OTHER_PCT
        run_wrk "donera $path round $r" "$d_url" "$BENCH_SECONDS" "$RAW_DIR/$s-donera-r$r.txt"
        d_rps+=("$WRK_RPS")
        d_p99+=("$WRK_P99_MS")
        ((WRK_ERRORS)) && d_errors=1
        log "  round $r: nginx $(fmt_int "${n_rps[-1]}") req/s p99 ${n_p99[-1]} ms | donera $(fmt_int "${d_rps[-1]}") req/s p99 ${d_p99[-1]} ms (other CPU ${n_other}% / ${WRK_OTHER_PCT}%)"
        ROUND_LINES+=("| $path | $r | $(fmt_int "${n_rps[-1]}") | $(fmt_int "${d_rps[-1]}") | $(fmt_2 "${n_p99[-1]}") | $(fmt_2 "${d_p99[-1]}") | $n_other / $WRK_OTHER_PCT |")
    done
    local nm dm np dp ratio met
    nm=$(median "${n_rps[@]}")
    dm=$(median "${d_rps[@]}")
    np=$(median "${n_p99[@]}")
    dp=$(median "${d_p99[@]}")
    ratio=$(awk -v d="$dm" -v n="$nm" 'BEGIN { printf "%.2f", (n > 0 ? d / n : 0) }')
    met=$(awk -v r="$dm" -v n="$nm" -v p="$dp" -v tr="$TARGET_RATIO" -v tp="$TARGET_P99_MS" \
        'BEGIN { print ((n > 0 && r / n >= tr && p < tp) ? "yes" : "no") }')
    # Errors (non-2xx, socket errors) in donera's measured runs void the result.
    ((d_errors)) && met="no (wrk errors)"
    [[ $met == yes ]] || ANY_MISSED=1
    TABLE_ROWS+=("| $path | ${PAGE_BYTES[$i]} | $(fmt_int "$nm") | $(fmt_int "$dm") | $ratio | $(fmt_2 "$np") | $(fmt_2 "$dp") | $met |")
}

# bench_portal NAME PATH_OR_URL [COOKIE]
# Benches one URL on the portal only (no nginx comparison): median req/s and
# p99 over BENCH_ROUNDS runs. COOKIE is a Cookie header value
# ("name=value; ..."), e.g. from cookie_jar_to_header, for logged-in pages.
bench_portal() {
    local name=$1 target=$2 cookie=${3:-} url s r code bytes
    local rps=() p99=()
    if [[ $target == http://* || $target == https://* ]]; then url=$target; else url=$DONERA_URL$target; fi
    s=portal-$(slug "$name")
    local curl_args=(-sS -o "$TMP_ROOT/portal-body" -w '%{http_code}')
    [[ -n $cookie ]] && curl_args+=(-H "Cookie: $cookie")
    code=$(curl "${curl_args[@]}" "$url")
    bytes=$(wc -c <"$TMP_ROOT/portal-body")
    if [[ $code != 2* ]]; then
        warn "portal bench '$name': GET $url returned $code"
        ISSUES+=("portal bench '$name': GET $url returned $code before the run")
    fi
    log "portal bench '$name' ($url, status $code, $bytes bytes)"
    if ((BENCH_WARMUP_SECONDS > 0)); then
        run_wrk "warm-up portal $name" "$url" "$BENCH_WARMUP_SECONDS" "$RAW_DIR/$s-warmup.txt" "$cookie"
    fi
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do
        run_wrk "portal $name round $r" "$url" "$BENCH_SECONDS" "$RAW_DIR/$s-r$r.txt" "$cookie"
        rps+=("$WRK_RPS")
        p99+=("$WRK_P99_MS")
        log "  round $r: $(fmt_int "$WRK_RPS") req/s p99 $WRK_P99_MS ms (other CPU ${WRK_OTHER_PCT}%)"
    done
    local m p ok
    m=$(median "${rps[@]}")
    p=$(median "${p99[@]}")
    ok=$(awk -v p="$p" -v tp="$TARGET_P99_MS" 'BEGIN { print (p < tp ? "yes" : "no") }')
    printf '[bench] portal %s: %s req/s, p99 %s ms\n' "$name" "$(fmt_int "$m")" "$(fmt_2 "$p")" >&2
    PORTAL_ROWS+=("| $name | ${url#"$DONERA_URL"} | $code | $bytes | $(fmt_int "$m") | $(fmt_2 "$p") | $ok |")
}

# --------------------------------------------------------------------------
# Hook: more benches. Runs after the nginx comparison, with the portal and
# nginx still up. Use bench_portal for portal-only pages; for logged-in
# pages obtain a cookie first, e.g.
#   curl -sS -c "$TMP_ROOT/jar" -d 'email=...&password=...' "$DONERA_URL/sv/logga-in" >/dev/null
#   bench_portal "dashboard" /sv/konto "$(cookie_jar_to_header "$TMP_ROOT/jar")"
# Files tests/bench/benches.d/*.sh, if any, are sourced here as well.
# --------------------------------------------------------------------------
extra_benches() {
    local p f
    for p in "${PORTAL_PATHS[@]}"; do
        bench_portal "$p" "$p"
    done
    for f in "$SCRIPT_DIR"/benches.d/*.sh; do
        [[ -e $f ]] || continue
        log "sourcing ${f#"$REPO_ROOT"/}"
        # shellcheck source=/dev/null
        source "$f"
    done
}

for i in "${!PAGES[@]}"; do
    bench_page_vs_nginx "$i"
done
extra_benches

# --------------------------------------------------------------------------
# 4. Report
# --------------------------------------------------------------------------
{
    echo "## Donera benchmark"
    echo
    echo "wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s --latency; median of $BENCH_ROUNDS alternating rounds;" \
        "server under test on core 0, wrk on core 1; DONERA_WORKERS=1, nginx worker_processes 1."
    echo "Target: donera req/s >= ${TARGET_RATIO} x nginx's on the same bytes, and donera p99 < ${TARGET_P99_MS} ms" \
        "(and no wrk errors in donera's measured runs)."
    echo
    echo "| page | bytes | nginx req/s | donera req/s | ratio | nginx p99 ms | donera p99 ms | target met |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${TABLE_ROWS[@]}"
    if ((${#PORTAL_ROWS[@]})); then
        echo
        echo "### Portal only"
        echo
        echo "| bench | path | status | bytes | donera req/s | donera p99 ms | p99 < ${TARGET_P99_MS} ms |"
        echo "|---|---|---:|---:|---:|---:|---|"
        printf '%s\n' "${PORTAL_ROWS[@]}"
    fi
    if ((${#EXTRA_ROWS[@]})); then
        echo
        echo "### Other measurements"
        echo
        echo "| what | figure | target | met |"
        echo "|---|---|---|---|"
        printf '%s\n' "${EXTRA_ROWS[@]}"
    fi
    echo
    echo "### Rounds"
    echo
    echo "| page | round | nginx req/s | donera req/s | nginx p99 ms | donera p99 ms | other CPU % (nginx / donera run) |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROUND_LINES[@]}"
    echo
    if ((${#ISSUES[@]})); then
        echo "### Problems seen"
        echo
        printf -- '- %s\n' "${ISSUES[@]}"
    else
        echo "No problems seen: no wrk socket errors, no non-2xx/3xx responses, other processes under ${NOISE_LIMIT_PCT}% of a core."
    fi
    echo
    echo "_$(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo 'no commit'), $(nproc) cores, $(wrk --version 2>&1 | head -n1 | awk '{print $1, $2}'), $("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')_"
} >"$REPORT"

echo
cat "$REPORT"
log "report written to ${REPORT#"$REPO_ROOT"/}"

if ((BENCH_STRICT)) && ((ANY_MISSED || ${#ISSUES[@]})); then
    die "BENCH_STRICT=1: a target was missed or wrk reported errors"
fi
