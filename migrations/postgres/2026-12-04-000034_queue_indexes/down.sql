DROP INDEX tickets_updated;
DROP INDEX tickets_created;
DROP INDEX tickets_state_updated;
DROP INDEX tickets_state_created;
DROP INDEX tickets_category_updated;
DROP INDEX tickets_category_created;
DROP INDEX tickets_priority_updated;
DROP INDEX tickets_priority_created;
DROP INDEX tickets_assignee_updated;
DROP INDEX tickets_assignee_created;
DROP INDEX tickets_assignee_state_updated;
DROP INDEX tickets_assignee_state_created;
DROP INDEX tickets_active_updated;
DROP INDEX tickets_active_created;
DROP INDEX tickets_active_category_updated;
DROP INDEX tickets_active_category_created;
DROP INDEX tickets_active_priority_updated;
DROP INDEX tickets_active_priority_created;
DROP INDEX tickets_active_assignee_updated;
DROP INDEX tickets_active_assignee_created;
DROP INDEX tickets_due;
DROP INDEX tickets_assignee_due;

CREATE INDEX tickets_state_updated ON tickets (state, updated_at, number);
CREATE INDEX tickets_updated ON tickets (updated_at, number);
CREATE INDEX tickets_created ON tickets (created_at, number);
CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at, number);
CREATE INDEX tickets_active_updated ON tickets (updated_at, number)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_category_state ON tickets (category, state, updated_at, number);
CREATE INDEX tickets_active_assignee ON tickets (assignee_id)
    WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX tickets_due ON tickets (due_at, number) WHERE due_at IS NOT NULL;
