#!/usr/bin/env bash
# Runs every test of Donera: the Rust unit and integration tests (the real binary among them,
# behind nginx too), then the browser suite against the release binary. One release build serves
# both (nextest builds the binary with the tests).
#
# What the tests need beyond the Rust toolchain is installed by tests/install-tools.sh when it is
# missing and this runs as root (as in CI); otherwise that script names the command to run.
#
# PostgreSQL: set DONERA_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to
# run the database tests on PostgreSQL as well; each test creates and drops its own database.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Test tools"
bash tests/install-tools.sh

echo "== Rust tests (release build, shared with the browser suite)"
stage=$(date +%s)
cargo nextest run --release --no-fail-fast
echo "Rust tests took $(( $(date +%s) - stage )) s"

echo "== Browser tests (headless Chromium, axe-core, Nu Html Checker)"
stage=$(date +%s)
DONERA_BIN="$PWD/target/release/donera" node tests/browser/run.mjs
echo "browser tests took $(( $(date +%s) - stage )) s"
