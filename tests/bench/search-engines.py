#!/usr/bin/env python3
"""Search speed of the term index against SQLite FTS5, on a database seed-bench filled (#24).

Run by hand after `donera seed-bench` (or `SCALE_KEEP=1 bash tests/bench/scale.sh`), with the
seeded database as the argument:

    python3 tests/bench/search-engines.py target/bench/scale/sqlite.db

It builds an FTS5 index of every ticket's text (number, subject, requester, organisation, every
message and its author, as the portal indexes them) in a separate file beside the database
(<db>.fts5), once, and reports its build time and size beside the term index's. Then each search
of the scale benchmark runs as the queue's first page (all states, latest activity first, 51
rows), planned the way the portal plans it (tickets/search.rs: a word with under 1,000 tickets
narrows by their list; common words are tested ticket by ticket along the order), once through
the term index and once through FTS5, SEARCH_ROUNDS (30) times each on one connection; the table
gives the median and the slowest in milliseconds. FTS5 is also run as a planner without the
walk would run it: every match, then sorted. The search words are stemmed as the portal
stems them (snowballstemmer from PyPI, the same Snowball algorithm as rust-stemmers).

With a PostgreSQL URL instead (a database seed-bench filled), it compares the term index with
a tsvector of each ticket's terms (the same words, so the same answers) under a GIN index,
built once into the table ticket_tsv:

    python3 tests/bench/search-engines.py postgres://postgres@127.0.0.1:5432/donera_scale

This measures the statements only, not the page around them (a page costs about 0.5 ms more).
"""
import os
import re
import sqlite3
import statistics
import sys
import time

import snowballstemmer

ROUNDS = int(os.environ.get("SEARCH_ROUNDS", "30"))
RARE = 1000
SWEDISH = snowballstemmer.stemmer("swedish")


def fold(s):
    out = []
    for c in s.lower():
        out.append({"å": "a", "ä": "a", "à": "a", "á": "a", "ö": "o", "ø": "o", "é": "e",
                    "è": "e", "ü": "u"}.get(c, c))
    return "".join(out)


def stem(w):
    # tickets::search::stem, rule for rule.
    s = SWEDISH.stemWord(w)
    if s != w:
        return s if len(s) >= 4 else w
    vowel = "aeiouyåäö"
    cut = 0
    if len(w) >= 3 and w.endswith("et") and w[-3] not in vowel:
        cut = 2
    elif len(w) >= 2 and w.endswith("t") and w[-2] in vowel and w[-2] != "e":
        cut = 1
    return w[:-cut] if cut and len(w) - cut >= 5 else w


def query_terms(q):
    out = []
    for w in re.split(r"[^\w]+", q.lower()):
        if len(w) >= 2:
            t = fold(stem(w))[:40]
            if t not in out:
                out.append(t)
    return out[:6]


ORDER = "ORDER BY tickets.updated_at DESC, tickets.number DESC LIMIT 51"


def term_index(c, words, p="?"):
    # The portal's plan: the rarest rare word narrows by its tickets; the others are EXISTS.
    # `p` is the driver's placeholder (sqlite3: ?, psycopg: %s).
    narrow = None
    common = []
    for w in words:
        rng = (w, w + "\U0010ffff")
        probe = c.execute(f"SELECT ticket_id FROM ticket_terms WHERE term >= {p} AND term < {p} "
                          f"ORDER BY term LIMIT 1 OFFSET {p}", (*rng, RARE - 1)).fetchone()
        if probe:
            common.append(w)
            continue
        ids = [r[0] for r in c.execute(
            f"SELECT ticket_id FROM ticket_terms WHERE term >= {p} AND term < {p} ORDER BY term", rng)]
        if narrow is None or len(ids) < len(narrow[1]):
            if narrow:
                common.append(narrow[0])
            narrow = (w, ids)
        else:
            common.append(w)
    where, args = [], []
    if narrow and p == "?":
        where.append("tickets.id IN (%s)" % ",".join("?" * len(narrow[1])) if narrow[1] else "0")
        args += narrow[1]
    elif narrow:
        where.append("tickets.id = ANY(%s)")
        args.append(narrow[1])
    for w in common:
        where.append(f"EXISTS (SELECT 1 FROM ticket_terms WHERE ticket_terms.ticket_id = tickets.id "
                     f"AND ticket_terms.term >= {p} AND ticket_terms.term < {p})")
        args += [w, w + "\U0010ffff"]
    sql = f"SELECT tickets.number FROM tickets WHERE {' AND '.join(where) or '1 = 1'} {ORDER}"
    return [r[0] for r in c.execute(sql, args)]


def fts5(c, words):
    # The same plan with FTS5: all words in one MATCH; under 1,000 matches, their list; else
    # each ticket along the order is tested.
    match = " AND ".join(f'"{w}"*' for w in words)
    probe = c.execute("SELECT rowid FROM f.fts WHERE fts MATCH ? LIMIT 1 OFFSET ?",
                      (match, RARE - 1)).fetchone()
    if probe is None:
        sql = (f"SELECT tickets.number FROM tickets WHERE tickets.rowid IN "
               f"(SELECT rowid FROM f.fts WHERE fts MATCH ?) {ORDER}")
    else:
        sql = (f"SELECT tickets.number FROM tickets WHERE EXISTS (SELECT 1 FROM f.fts "
               f"WHERE fts MATCH ? AND fts.rowid = tickets.rowid) {ORDER}")
    return [r[0] for r in c.execute(sql, (match,))]


def fts5_sorted(c, words):
    # FTS5's other plan: every match, then the order (what a planner does without the walk).
    match = " AND ".join(f'"{w}"*' for w in words)
    sql = (f"SELECT tickets.number FROM tickets WHERE tickets.rowid IN "
           f"(SELECT rowid FROM f.fts WHERE fts MATCH ?) {ORDER}")
    return [r[0] for r in c.execute(sql, (match,))]


def build(c):
    t0 = time.time()
    c.execute("CREATE VIRTUAL TABLE f.fts USING fts5(doc, content='', "
              "tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
    c.execute("""
        INSERT INTO f.fts (rowid, doc)
        SELECT t.rowid, t.number || ' ' || t.subject || ' ' || t.requester_name || ' ' ||
               t.requester_email || ' ' || t.requester_org || ' ' ||
               coalesce((SELECT group_concat(m.body || ' ' || m.author_name, ' ')
                         FROM ticket_messages m WHERE m.ticket_id = t.id), '')
        FROM tickets t""")
    c.execute("INSERT INTO f.fts (fts) VALUES ('optimize')")
    c.commit()
    return time.time() - t0


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if sys.argv[1].startswith("postgres"):
        return pg_main(sys.argv[1])
    db = sys.argv[1]
    fts_path = db + ".fts5"
    c = sqlite3.connect(db)
    c.execute("PRAGMA mmap_size = 268435456")
    c.execute("PRAGMA cache_size = -16000")
    fresh = not os.path.exists(fts_path)
    c.execute("ATTACH ? AS f", (fts_path,))
    tickets = c.execute("SELECT count(*) FROM tickets").fetchone()[0]
    messages = c.execute("SELECT max(id) FROM ticket_messages").fetchone()[0]
    terms = c.execute("SELECT count(*) FROM ticket_terms").fetchone()[0]
    print(f"{tickets:,} tickets, about {messages:,} messages; term index {terms:,} rows")
    if fresh:
        print(f"FTS5 index built in {build(c):.0f} s")
    size = lambda q: c.execute(q).fetchone()[0]
    term_mb = size("SELECT sum(pgsize) FROM dbstat WHERE name = 'ticket_terms'") + \
        size("SELECT sum(pgsize) FROM dbstat WHERE name = 'ticket_terms_ticket'") if has_dbstat(c) else None
    print(f"sizes: term index {term_mb / 2**20:,.0f} MiB" if term_mb else "sizes: (no dbstat)",
          f"FTS5 {os.path.getsize(fts_path) / 2**20:,.0f} MiB")
    run(c, [("term index", term_index), ("FTS5, the portal's plan", fts5),
            ("FTS5, all matches sorted", fts5_sorted)], lambda q: c.execute(q).fetchone()[0])


def pg_term_index(c, words):
    return term_index(c, words, "%s")


def pg_tsvector(c, words):
    # The same words as prefixes of a tsvector holding each ticket's terms, GIN-indexed; the
    # planner chooses between the index and testing each ticket's vector along the order.
    query = " & ".join(f"{w}:*" for w in words)
    sql = (f"SELECT tickets.number FROM tickets JOIN ticket_tsv ON ticket_tsv.ticket_id = tickets.id "
           f"WHERE ticket_tsv.doc @@ to_tsquery('simple', %s) {ORDER}")
    return [r[0] for r in c.execute(sql, (query,))]


def pg_main(url):
    import psycopg
    c = psycopg.connect(url, autocommit=True)
    if c.execute("SELECT to_regclass('ticket_terms')").fetchone()[0] is None:
        sys.exit("no ticket_terms here: the comparison needs a database seeded before migration "
                 "000036 (git checkout 743e519 && cargo build --release, then seed-bench)")
    tickets = c.execute("SELECT count(*) FROM tickets").fetchone()[0]
    terms = c.execute("SELECT count(*) FROM ticket_terms").fetchone()[0]
    print(f"PostgreSQL: {tickets:,} tickets; term index {terms:,} rows")
    if c.execute("SELECT to_regclass('ticket_tsv')").fetchone()[0] is None:
        t0 = time.time()
        c.execute("CREATE TABLE ticket_tsv AS SELECT ticket_id, "
                  "array_to_tsvector(array_agg(term)) AS doc FROM ticket_terms GROUP BY ticket_id")
        c.execute("ALTER TABLE ticket_tsv ADD PRIMARY KEY (ticket_id)")
        c.execute("CREATE INDEX ticket_tsv_doc ON ticket_tsv USING gin (doc)")
        c.execute("ANALYZE ticket_tsv")
        print(f"tsvector table and GIN index built in {time.time() - t0:.0f} s")
    size = lambda rel: c.execute("SELECT pg_total_relation_size(%s)", (rel,)).fetchone()[0] / 2**20
    print(f"sizes: term index {size('ticket_terms'):,.0f} MiB, tsvector + GIN {size('ticket_tsv'):,.0f} MiB")
    run(c, [("term index", pg_term_index), ("tsvector + GIN", pg_tsvector)], lambda q: c.execute(q).fetchone()[0])


def run(c, engines, one):
    email = one("SELECT requester_email FROM tickets WHERE organisation_id IS NULL "
                "ORDER BY number LIMIT 1 OFFSET 777")
    org = one("SELECT name FROM organisations WHERE name LIKE 'Bänkföreningen %' "
              "ORDER BY name LIMIT 1 OFFSET 17")
    searches = ["licens", "licens faktura", "molntjänst styrelsen förening", "kalender",
                "serverlicens azure", "licenserna", "fakturorna", email, org]
    print(f"first page of each search, ms, median / slowest of {ROUNDS}:")
    print("| search | words | " + " | ".join(n for n, _ in engines) + " | same tickets |")
    print("|" + " --- |" * (len(engines) + 3))
    for q in searches:
        words = query_terms(q)
        row = [q, " ".join(words)]
        answers = []
        for _, engine in engines:
            times = []
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                got = engine(c, words)
                times.append((time.perf_counter() - t0) * 1000)
            answers.append(got)
            row.append(f"{statistics.median(times):.1f} / {max(times):.1f}")
        same = all(a == answers[0] for a in answers)
        row.append("yes" if same else "no: " + " / ".join(str(len(a)) for a in answers))
        print("| " + " | ".join(row) + " |", flush=True)


def has_dbstat(c):
    try:
        c.execute("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except sqlite3.OperationalError:
        return False


if __name__ == "__main__":
    main()
