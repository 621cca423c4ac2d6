-- The help desk's default queue: tickets not yet resolved or closed, latest activity first.
-- A partial index holds just those, in that order, so the first page reads its 51 rows and no
-- finished ticket on the way. The WHERE must match the queue's filter text exactly
-- (tickets::model::ACTIVE) for the planners to use it.
CREATE INDEX tickets_active_updated ON tickets (updated_at, number)
    WHERE state NOT IN ('resolved', 'closed');
