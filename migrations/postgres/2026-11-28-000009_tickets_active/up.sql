-- The help desk's default queue: tickets not yet resolved or closed, latest activity first.
-- A partial index holds just those, in that order, so the first page reads its 51 rows and no
-- finished ticket on the way. The WHERE must match the queue's filter text exactly
-- (tickets::model::ACTIVE) for the planners to use it.
CREATE INDEX tickets_active_updated ON tickets (updated_at, number)
    WHERE state NOT IN ('resolved', 'closed');

-- A category's queue in one state (the order desk's open tickets, say), latest activity first:
-- read straight from the index instead of walking every ticket in that state.
CREATE INDEX tickets_category_state ON tickets (category, state, updated_at, number);
