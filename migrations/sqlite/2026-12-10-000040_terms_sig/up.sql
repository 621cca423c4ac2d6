-- Each ticket's word signature (src/db/sig.rs), carried by the four indexes a search with no
-- other filter walks (migration 000038): the walk lets go of a ticket whose signature lacks a
-- search word's bits from the index entry alone, and looks the word up in ticket_terms only for
-- the rest. Written with the ticket's words (tickets::search::insert_terms); NULL proves
-- nothing. The existing tickets get theirs from their words here (sig_of_terms is registered
-- on every connection the portal opens).
ALTER TABLE tickets ADD COLUMN terms_sig BLOB;
UPDATE tickets SET terms_sig = (
    SELECT sig_of_terms(term) FROM ticket_terms WHERE ticket_terms.ticket_id = tickets.id
);
DROP INDEX tickets_updated;
DROP INDEX tickets_created;
DROP INDEX tickets_active_updated;
DROP INDEX tickets_active_created;
CREATE INDEX tickets_updated ON tickets (updated_at, number, state, category, priority, assignee_id, id, terms_sig);
CREATE INDEX tickets_created ON tickets (created_at, number, state, category, priority, assignee_id, id, terms_sig);
CREATE INDEX tickets_active_updated ON tickets (updated_at, number, category, priority, assignee_id, id, terms_sig)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_created ON tickets (created_at, number, category, priority, assignee_id, id, terms_sig)
    WHERE state NOT IN ('resolved', 'closed');
ANALYZE tickets;
