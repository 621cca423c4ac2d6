#!/usr/bin/env bash
# Runs every test of Donera: the Rust unit and integration tests (the real binary among them,
# behind nginx too), then the browser suite against the release binary. One release build serves
# both (nextest builds the binary with the tests).
#
# What the tests need beyond the Rust toolchain is installed here when it is missing and this
# runs as root (as in CI); otherwise the script names the command to run.
#   - chromium: the browser suite; Java: the Nu Html Checker; nginx: the reverse-proxy test;
#     systemd-analyze (package systemd): the unit-file check; npm packages of tests/browser.
#
# PostgreSQL: set DONERA_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to
# run the database tests on PostgreSQL as well; each test creates and drops its own database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Test tools"
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[[ -x /usr/sbin/nginx ]] || missing+=(nginx)
[[ -x /usr/bin/systemd-analyze ]] || missing+=(systemd)
if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        # Debian starts nginx on port 80 after installing it; the tests run their own.
        if [[ " ${missing[*]} " == *" nginx "* ]]; then
            nginx -s stop >/dev/null 2>&1 || true
        fi
    else
        echo "Missing: ${missing[*]}. Install them with:" >&2
        echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi
if [[ ! -d tests/browser/node_modules ]]; then
    (cd tests/browser && npm ci --no-audit --no-fund)
fi

echo "== Rust tests (release build, shared with the browser suite)"
cargo nextest run --release --no-fail-fast

echo "== Browser tests (headless Chromium, axe-core, Nu Html Checker)"
DONERA_BIN="$PWD/target/release/donera" node tests/browser/run.mjs
