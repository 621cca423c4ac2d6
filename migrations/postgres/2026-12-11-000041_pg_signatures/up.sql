-- PostgreSQL's search walk reads the word signature too (src/db/sig.rs), from this migration on:
-- each ticket's is written from its vector whenever the vector changes
-- (tickets::search::insert_terms). The tickets from before have none (NULL proves nothing, so a
-- search tests their words as before); the worker signs them from their vectors in batches
-- (tickets::search::sign_unsigned), finding them by this index, which is empty once it is done.
CREATE INDEX tickets_unsigned ON tickets (id) WHERE terms_sig IS NULL;
