#!/usr/bin/env bash
# Starts the release binary on a fresh SQLite database (or DATABASE_URL if set) and runs
# register-load.mjs against it in each mode: a distributed flood of new registrations (every one
# hashes), a flood reusing a taken organisation number, and one reusing a member's address.
# Prints one JSON line per mode. Not part of the test suite (issue 19, point 2).
#
#   DONERA_BIN=target/release/donera bash tests/bench/register-load.sh
#
# Knobs: BENCH_SECONDS (15), BENCH_CLIENTS (8), BENCH_MODES ("new taken-org taken-email").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${DONERA_BIN:-$here/../../target/release/donera}"
dir="$(mktemp -d)"
port="${BENCH_PORT:-18911}"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
DATABASE_URL="${DATABASE_URL:-sqlite://$dir/donera.db}" \
DONERA_DATA_DIR="$dir" DONERA_LISTEN="127.0.0.1:$port" \
DONERA_BASE_URL="http://127.0.0.1:$port" DONERA_TRUSTED_PROXIES=127.0.0.1 \
DONERA_SECRET_KEY="bench-secret-key-0123456789abcdef0123456789" RUST_LOG=warn \
    "$bin" > "$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break
    sleep 0.2
done
for mode in ${BENCH_MODES:-new taken-org taken-email}; do
    node "$here/register-load.mjs" --url "http://127.0.0.1:$port" --mode "$mode" \
        --clients "${BENCH_CLIENTS:-8}" --seconds "${BENCH_SECONDS:-15}"
done
