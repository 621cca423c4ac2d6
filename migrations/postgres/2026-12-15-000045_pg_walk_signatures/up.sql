-- The signature (000041) in the four indexes a search with no other filter walks (000038), as
-- SQLite's have carried it since 000040. The queue reads such a walk's ids from the index alone
-- (tickets::queue::IdsFirst), testing the signature on each entry, and the page's rows after
-- it: PostgreSQL tests a condition on a row only once it has read it otherwise. At 1,000,000
-- tickets "serverlicens azure" read some 3,000 rows a page that way; now 51 (3.7 → 1.9 ms).
-- INCLUDE: the signature is read, never sorted by. Each index grows by some 70 bytes a ticket.
DROP INDEX tickets_updated;
DROP INDEX tickets_created;
DROP INDEX tickets_active_updated;
DROP INDEX tickets_active_created;
CREATE INDEX tickets_updated ON tickets (updated_at, number, state, category, priority, assignee_id, id)
    INCLUDE (terms_sig);
CREATE INDEX tickets_created ON tickets (created_at, number, state, category, priority, assignee_id, id)
    INCLUDE (terms_sig);
CREATE INDEX tickets_active_updated ON tickets (updated_at, number, category, priority, assignee_id, id)
    INCLUDE (terms_sig) WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_created ON tickets (created_at, number, category, priority, assignee_id, id)
    INCLUDE (terms_sig) WHERE state NOT IN ('resolved', 'closed');
ANALYZE tickets;
