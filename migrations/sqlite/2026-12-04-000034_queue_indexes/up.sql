-- The staff queue at a million tickets (issue 24): for every filter a person can pick, one index
-- gives the order asked (last activity, or creation for oldest/newest) after the most selective
-- filter, so a page's limit ends the reading; the other filters ride along at the end of the
-- index, so SQLite tests them without reading the ticket (a rare combination reads index entries
-- only, never thousands of rows). The active queue, the one read most, has its own smaller
-- partial indexes, written with the queue's ACTIVE text (tickets::queue) so both planners match
-- them. tests/app/queue.rs asks the planners about every combination.
DROP INDEX tickets_state_updated;
DROP INDEX tickets_updated;
DROP INDEX tickets_created;
DROP INDEX tickets_assignee;
DROP INDEX tickets_active_updated;
DROP INDEX tickets_category_state;
DROP INDEX tickets_active_assignee;
DROP INDEX tickets_due;

CREATE INDEX tickets_updated ON tickets (updated_at, number, state, category, priority, assignee_id);
CREATE INDEX tickets_created ON tickets (created_at, number, state, category, priority, assignee_id);
CREATE INDEX tickets_state_updated ON tickets (state, updated_at, number, category, priority, assignee_id);
CREATE INDEX tickets_state_created ON tickets (state, created_at, number, category, priority, assignee_id);
CREATE INDEX tickets_category_updated ON tickets (category, updated_at, number, state, priority, assignee_id);
CREATE INDEX tickets_category_created ON tickets (category, created_at, number, state, priority, assignee_id);
CREATE INDEX tickets_priority_updated ON tickets (priority, updated_at, number, state, category, assignee_id);
CREATE INDEX tickets_priority_created ON tickets (priority, created_at, number, state, category, assignee_id);
CREATE INDEX tickets_assignee_updated ON tickets (assignee_id, updated_at, number, state, category, priority);
CREATE INDEX tickets_assignee_created ON tickets (assignee_id, created_at, number, state, category, priority);
-- A member of staff's tickets in one state ("my open ones"), the commonest pair of filters.
CREATE INDEX tickets_assignee_state_updated ON tickets (assignee_id, state, updated_at, number, category, priority);
CREATE INDEX tickets_assignee_state_created ON tickets (assignee_id, state, created_at, number, category, priority);

CREATE INDEX tickets_active_updated ON tickets (updated_at, number, category, priority, assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_created ON tickets (created_at, number, category, priority, assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_category_updated ON tickets (category, updated_at, number, priority, assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_category_created ON tickets (category, created_at, number, priority, assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_priority_updated ON tickets (priority, updated_at, number, category, assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_priority_created ON tickets (priority, created_at, number, category, assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
-- Also the dashboard's "mine" and "unassigned" counts.
CREATE INDEX tickets_active_assignee_updated ON tickets (assignee_id, updated_at, number, category, priority)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_assignee_created ON tickets (assignee_id, created_at, number, category, priority)
    WHERE state NOT IN ('resolved', 'closed');

-- The "due" order's first part: running targets, soonest first.
CREATE INDEX tickets_due ON tickets (due_at, number, state, category, priority, assignee_id)
    WHERE due_at IS NOT NULL;
-- The same for one person's tickets, or the unassigned.
CREATE INDEX tickets_assignee_due ON tickets (assignee_id, due_at, number, state, category, priority)
    WHERE due_at IS NOT NULL;

-- Statistics for the new indexes at once: without them the planner guesses, and guesses the
-- bigger filter's index (see db::refresh_statistics for their upkeep).
ANALYZE tickets;
