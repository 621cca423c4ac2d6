DROP INDEX tickets_updated;
DROP INDEX tickets_created;
DROP INDEX tickets_active_updated;
DROP INDEX tickets_active_created;
CREATE INDEX tickets_updated ON tickets (updated_at, number, state, category, priority, assignee_id, id);
CREATE INDEX tickets_created ON tickets (created_at, number, state, category, priority, assignee_id, id);
CREATE INDEX tickets_active_updated ON tickets (updated_at, number, category, priority, assignee_id, id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_active_created ON tickets (created_at, number, category, priority, assignee_id, id)
    WHERE state NOT IN ('resolved', 'closed');
