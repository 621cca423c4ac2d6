#!/usr/bin/env python3
"""Search quality of the engines #24 compares, on the fixed set in tests/fixtures/search-quality.json.

Each engine indexes the 40 tickets (number, subject, text, requester's name and e-mail address,
organisation, as the portal does) and answers the 30 searches, every word required. A search is
"right" when it finds exactly the tickets listed; recall and precision are averaged over searches.

Engines:
  fts5-prefix     SQLite FTS5, unicode61 with diacritics removed, every word as a prefix
                  (the portal's term index works this way: folded words, prefixes)
  fts5-trigram    SQLite FTS5, trigram tokenizer: every word as a substring (finds compounds)
  pg-swedish      PostgreSQL, a Swedish configuration with unaccent, plainto_tsquery (stems)
  pg-swedish-pre  the same, every stemmed word as a prefix (word:*)
  pg-simple-pre   PostgreSQL, simple configuration with unaccent, prefixes (the term index again)

The portal's own search is measured through the real app by tests/app/search_quality.rs, which
prints its line in the same form. PostgreSQL: SEARCH_QUALITY_PG (default
postgres://postgres@127.0.0.1:5432/postgres); a scratch database is created and dropped.
Exit status 0; this script reports, the Rust test holds the portal to its figure.
"""
import json
import os
import re
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SET = json.load(open(os.path.join(HERE, "..", "fixtures", "search-quality.json")))
PG = os.environ.get("SEARCH_QUALITY_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def doc(i, t):
    number = f"D-2026-{i + 1:05d}"
    return " ".join([number, t["subject"], t["body"], t["name"], t["email"], t["org"]])


def words(q):
    return [w for w in re.split(r"\W+", q.lower()) if len(w) >= 2]


def score(name, found_by_query):
    right = 0
    recall = precision = 0.0
    misses = []
    for q in SET["queries"]:
        want = set(q["find"])
        got = set(found_by_query[q["q"]])
        hit = len(want & got)
        recall += hit / len(want)
        precision += hit / len(got) if got else (1.0 if not want else 0.0)
        if got == want:
            right += 1
        else:
            misses.append(f'{q["q"]!r}: -{sorted(want - got)} +{sorted(got - want)}')
    n = len(SET["queries"])
    print(f"{name:<16} right {right:>2}/{n}  recall {recall / n:.2f}  precision {precision / n:.2f}")
    if os.environ.get("SEARCH_QUALITY_VERBOSE"):
        for m in misses:
            print("    " + m)
    return right


def sqlite_engine(tokenize, query_of):
    c = sqlite3.connect(":memory:")
    c.execute(f"CREATE VIRTUAL TABLE d USING fts5(key UNINDEXED, body, tokenize=\"{tokenize}\")")
    for i, t in enumerate(SET["tickets"]):
        c.execute("INSERT INTO d (key, body) VALUES (?, ?)", (t["key"], doc(i, t)))
    out = {}
    for q in SET["queries"]:
        match = query_of(q["q"])
        out[q["q"]] = [r[0] for r in c.execute("SELECT key FROM d WHERE d MATCH ?", (match,))] if match else []
    return out


def fts5_prefix(q):
    return " AND ".join(f'"{w}"*' for w in words(q))


def fts5_trigram(q):
    # A trigram table matches substrings of three characters or more; shorter words are left out.
    ws = [w for w in words(q) if len(w) >= 3]
    return " AND ".join(f'"{w}"' for w in ws)


def psql(url, sql):
    r = subprocess.run(["psql", url, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stderr)
    return r.stdout


def pg_engines():
    db = "donera_search_quality"
    psql(PG, f"DROP DATABASE IF EXISTS {db}")
    psql(PG, f"CREATE DATABASE {db}")
    url = PG.rsplit("/", 1)[0] + "/" + db
    try:
        rows = ",".join(
            "(%s, %s)" % (sql_text(t["key"]), sql_text(doc(i, t))) for i, t in enumerate(SET["tickets"]))
        psql(url, f"""
            CREATE EXTENSION unaccent;
            CREATE TEXT SEARCH CONFIGURATION sv (COPY = swedish);
            ALTER TEXT SEARCH CONFIGURATION sv ALTER MAPPING FOR hword, hword_part, word
                WITH unaccent, swedish_stem;
            CREATE TEXT SEARCH CONFIGURATION plain (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION plain ALTER MAPPING FOR hword, hword_part, word
                WITH unaccent, simple;
            CREATE TABLE d (key text, body text);
            INSERT INTO d VALUES {rows};""")
        results = {}
        for name, query in [
            ("pg-swedish", lambda q: f"plainto_tsquery('sv', {sql_text(q)})"),
            ("pg-swedish-pre", lambda q: prefix_query("sv", q)),
            ("pg-simple-pre", lambda q: prefix_query("plain", q)),
        ]:
            config = "plain" if name == "pg-simple-pre" else "sv"
            out = {}
            for q in SET["queries"]:
                got = psql(url, f"SELECT key FROM d WHERE to_tsvector('{config}', body) @@ {query(q['q'])}")
                out[q["q"]] = got.split()
            results[name] = out
        return results
    finally:
        psql(PG, f"DROP DATABASE IF EXISTS {db}")


def prefix_query(config, q):
    # Each word as the search configuration normalises it, then as a prefix: to_tsquery with
    # ':*' stems the word first. Words are letters and digits only here, so quoting is safe.
    parts = [f"{w}:*" for w in words(q)]
    return f"to_tsquery('{config}', {sql_text(' & '.join(parts))})"


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def main():
    print(f"{len(SET['queries'])} searches over {len(SET['tickets'])} tickets")
    score("fts5-prefix", sqlite_engine("unicode61 remove_diacritics 2", fts5_prefix))
    score("fts5-trigram", sqlite_engine("trigram", fts5_trigram))
    for name, out in pg_engines().items():
        score(name, out)


if __name__ == "__main__":
    main()
