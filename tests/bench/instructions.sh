#!/usr/bin/env bash
# Instructions per request, counted by valgrind's callgrind, for one or more builds of the portal
# on the same database: a figure that does not move with the machine's load or its neighbours
# (timings on these shared machines moved by 25% between back-to-back runs of one binary).
# Each page is asked a few times untimed, then its counters are zeroed, it is asked
# INSTR_REQUESTS times one after another, and its count is dumped. Every build after the first
# is also given as a ratio to the first.
#
#   bash tests/bench/instructions.sh BIN [BIN...]
#
# Settings (environment, all optional):
#   INSTR_DB        a seeded SQLite database to use (sqlite://…); without it, seed-bench fills
#                   target/bench/instructions/ with INSTR_TICKETS tickets once and reuses them
#   INSTR_TICKETS   tickets to seed (20000, with five messages each)
#   INSTR_REQUESTS  counted requests per page (25)
#   INSTR_PAGES     a page list as tests/bench/pages-load.mjs reads it (label TAB path TAB …);
#                   without it, four queue filter pages, a search and a ticket (not the
#                   dashboard: its figures are cached for seconds, which under valgrind pass
#                   between any two requests, so it would count the recomputing only)
#
# It needs valgrind (Debian's package) and seed-bench's staff account
# (bench-staff@donera.invalid), which INSTR_DB must have too.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
DIR=$root/target/bench/instructions
REQUESTS=${INSTR_REQUESTS:-25}
TICKETS=${INSTR_TICKETS:-20000}
STAFF_EMAIL=bench-staff@donera.invalid
STAFF_PASSWORD=bench-staff-password-1
SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')

die() {
    printf '[instructions] ERROR: %s\n' "$*" >&2
    exit 2
}
(($# > 0)) || die "usage: bash tests/bench/instructions.sh BIN [BIN...]"
command -v valgrind >/dev/null || die "valgrind is needed (apt-get install valgrind)"
command -v callgrind_control >/dev/null || die "callgrind_control is needed (valgrind)"
for b in "$@"; do [[ -x $b ]] || die "no binary at $b"; done
# The portal runs in the bench's directory: the binaries' paths must not be relative.
bins=()
for b in "$@"; do bins+=("$(realpath "$b")"); done
set -- "${bins[@]}"
mkdir -p "$DIR/data"

DB=${INSTR_DB:-}
if [[ -z $DB ]]; then
    DB=sqlite://$DIR/seeded.db
    if [[ ! -f $DIR/seeded.db || $(cat "$DIR/seeded" 2>/dev/null) != "$TICKETS" ]]; then
        rm -f "$DIR"/seeded.db*
        printf '[instructions] seed-bench --tickets %s\n' "$TICKETS" >&2
        (cd "$DIR" && env DATABASE_URL="$DB" DONERA_SECRET_KEY="$SECRET" DONERA_DATA_DIR="$DIR/data" \
            RUST_LOG=warn "$1" seed-bench --tickets "$TICKETS" --messages $((TICKETS * 5)) \
            --staff-email "$STAFF_EMAIL" --staff-password "$STAFF_PASSWORD" >/dev/null)
        echo "$TICKETS" >"$DIR/seeded"
    fi
fi

PAGES=$DIR/pages
if [[ -n ${INSTR_PAGES:-} ]]; then
    cp "$INSTR_PAGES" "$PAGES"
else
    {
        printf 'queue, open by activity\t/sv/personal/arenden?state=open\n'
        printf 'queue, usage and high\t/sv/personal/arenden?category=usage&priority=high\n'
        printf 'queue, new orders oldest first\t/sv/personal/arenden?sort=oldest&state=new&category=order\n'
        printf 'queue, waiting and unassigned\t/sv/personal/arenden?sort=oldest&state=waiting&assignee=unassigned\n'
        printf 'search "licens faktura"\t/sv/personal/arenden?state=all&q=licens+faktura\n'
        printf 'ticket view\t/sv/personal/arenden/%s\n' "D-$(date -u +%Y)-00042"
    } >"$PAGES"
fi

VPID=
cleanup() {
    [[ -n $VPID ]] && kill "$VPID" 2>/dev/null && wait "$VPID" 2>/dev/null
    return 0
}
trap cleanup EXIT

# count BIN: one line per page, "label<TAB>instructions per request".
count() {
    local bin=$1 port base jar page csrf n=0 out
    port=$((20000 + RANDOM % 30000))
    base=http://127.0.0.1:$port
    out=$DIR/callgrind.out
    rm -f "$out"*
    (cd "$DIR" && exec env DATABASE_URL="$DB" DONERA_LISTEN="127.0.0.1:$port" DONERA_BASE_URL="$base" \
        DONERA_SECRET_KEY="$SECRET" DONERA_DATA_DIR="$DIR/data" RUST_LOG=warn \
        DONERA_WORKERS=1 DONERA_DB_POOL_SIZE=1 \
        valgrind --tool=callgrind --callgrind-out-file="$out" "$bin") >"$DIR/server.log" 2>&1 &
    VPID=$!
    for _ in $(seq 600); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true) == 200 ]] && break
        kill -0 "$VPID" 2>/dev/null || die "the portal exited at start: $(tail -n 5 "$DIR/server.log")"
        sleep 0.5
    done
    jar=$DIR/jar
    rm -f "$jar"
    page=$(curl -sS -c "$jar" -b "$jar" "$base/sv/logga-in")
    csrf=$(grep -o '<input[^>]*name="csrf"[^>]*>' <<<"$page" | sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -n 1)
    [[ $(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H "Origin: $base" \
        --data-urlencode "csrf=$csrf" --data-urlencode "email=$STAFF_EMAIL" \
        --data-urlencode "password=$STAFF_PASSWORD" --data-urlencode "next=" "$base/sv/logga-in") == 303 ]] ||
        die "staff login failed"
    while IFS=$'\t' read -r label path _; do
        [[ -n $label ]] || continue
        for _ in 1 2 3; do
            [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base$path") == 200 ]] ||
                die "$label: $path did not answer 200"
        done
        callgrind_control -z "$VPID" >/dev/null 2>&1
        for _ in $(seq "$REQUESTS"); do curl -s -o /dev/null -b "$jar" "$base$path"; done
        callgrind_control -d "$VPID" >/dev/null 2>&1
        n=$((n + 1))
        # Each dump is its own file, numbered in order.
        for _ in $(seq 50); do [[ -f $out.$n ]] && break; sleep 0.1; done
        printf '%s\t%s\n' "$label" "$(awk '/^totals:/ { printf "%d", $2 / '"$REQUESTS"' }' "$out.$n")"
    done <"$PAGES"
    kill "$VPID" 2>/dev/null || true
    wait "$VPID" 2>/dev/null || true
    VPID=
}

declare -a results
for bin in "$@"; do
    printf '[instructions] %s\n' "$bin" >&2
    results+=("$(count "$bin")")
done

# A table: one row per page, one column per build (the later ones with their ratio to the first).
{
    printf '| page |'
    for bin in "$@"; do printf ' %s |' "$bin"; done
    printf '\n| --- |'
    for _ in "$@"; do printf ' --- |'; done
    printf '\n'
    for ((i = 1; i <= $(grep -c . "$PAGES"); i++)); do
        label=$(sed -n "${i}p" <<<"${results[0]}" | cut -f1)
        first=$(sed -n "${i}p" <<<"${results[0]}" | cut -f2)
        printf '| %s |' "$label"
        for r in "${results[@]}"; do
            v=$(sed -n "${i}p" <<<"$r" | cut -f2)
            printf ' %s (%s) |' "$v" "$(awk -v a="$v" -v b="$first" 'BEGIN { printf "%.3f", a / b }')"
        done
        printf '\n'
    done
} | tee "$DIR/table.md"
