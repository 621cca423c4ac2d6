-- Ticket search on PostgreSQL: each ticket's search terms (the same folded words SQLite keeps in
-- ticket_terms) as one tsvector under a GIN index, instead of a row per word. The planner then
-- either reads the index (a rare word) or tests each ticket's vector along the queue's order (a
-- common one); at 200,000 tickets it was faster on every search measured but an e-mail address,
-- and 19 times smaller (ARCHITECTURE.md, "Ticket search"). SQLite keeps the term index: FTS5,
-- its alternative, was far slower for common words.
CREATE TABLE ticket_search (
    ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets (id),
    terms TSVECTOR NOT NULL
);
INSERT INTO ticket_search (ticket_id, terms)
SELECT ticket_id, array_to_tsvector(array_agg(term)) FROM ticket_terms GROUP BY ticket_id;
CREATE INDEX ticket_search_terms ON ticket_search USING gin (terms);
DROP TABLE ticket_terms;
ANALYZE ticket_search;
