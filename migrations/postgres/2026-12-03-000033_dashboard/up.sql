-- The staff dashboard (issue 22): each figure is a range scan of one index, never a table walk.
-- Covering indexes (the measured values ride along) so a 12-week median reads no table rows.
CREATE INDEX tickets_first_response ON tickets (first_response_at, response_minutes, response_met)
    WHERE first_response_at IS NOT NULL;
CREATE INDEX tickets_resolved ON tickets (resolved_at, resolution_minutes)
    WHERE resolved_at IS NOT NULL;
-- "Mine" and "unassigned" count active tickets only; written with the queue's ACTIVE text so
-- SQLite matches the partial index.
CREATE INDEX tickets_active_assignee ON tickets (assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX ticket_ratings_at_rating ON ticket_ratings (rated_at, rating);
