#!/usr/bin/env bash
# Runs every test of Donera: the Rust unit and integration tests, then the browser suite against
# the release binary. One release build serves both (nextest builds the binary with the tests).
#
# PostgreSQL: set DONERA_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to
# run the database tests on PostgreSQL as well; each test creates and drops its own database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Rust tests (release build, shared with the browser suite)"
cargo nextest run --release --no-fail-fast

echo "== Browser tests (headless Chromium, axe-core, Nu Html Checker)"
if [[ ! -x /usr/bin/chromium ]]; then
    echo "Chromium is missing: install it with 'apt-get install -y chromium'." >&2
    exit 1
fi
if [[ ! -d tests/browser/node_modules ]]; then
    (cd tests/browser && npm ci --no-audit --no-fund)
fi
DONERA_BIN="$PWD/target/release/donera" node tests/browser/run.mjs
