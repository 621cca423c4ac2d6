-- The help desk as a team runs it (issue 22).
--
-- Response targets: the next due instant is computed in business time when a ticket opens,
-- changes priority or leaves a paused state, and stored, so the queue sorts by it and the breach
-- job finds it with an index. `due_at` is the next pending target while the clock runs (NULL
-- while waiting for the customer, resolved or closed); `paused_minutes` is the business time
-- spent paused, which the targets are moved by (both targets are computed from the creation time,
-- the priority's targets and it, so they are not stored). The measured times are stored when
-- they happen, so the dashboard's medians and shares are plain SQL over indexed columns.
-- `breaches`: bit 1 once the first-response breach was e-mailed, bit 2 the resolution's.
-- (diesel's tables hold at most 32 columns by default; tickets now has 31.)
ALTER TABLE tickets ADD COLUMN first_response_at TIMESTAMP;
ALTER TABLE tickets ADD COLUMN due_at TIMESTAMP;
ALTER TABLE tickets ADD COLUMN paused_at TIMESTAMP;
ALTER TABLE tickets ADD COLUMN paused_minutes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN response_minutes BIGINT;
ALTER TABLE tickets ADD COLUMN resolution_minutes BIGINT;
ALTER TABLE tickets ADD COLUMN response_met BOOLEAN;
ALTER TABLE tickets ADD COLUMN resolution_met BOOLEAN;
ALTER TABLE tickets ADD COLUMN breaches INTEGER NOT NULL DEFAULT 0;

-- Satisfaction: one answer per ticket, `good` or `bad`, changeable until the ticket closes.
CREATE TABLE ticket_ratings (
    ticket_id TEXT PRIMARY KEY NOT NULL REFERENCES tickets (id),
    rating TEXT NOT NULL,
    comment TEXT NOT NULL,
    rated_at TIMESTAMP NOT NULL
);
CREATE INDEX ticket_ratings_at ON ticket_ratings (rated_at);

CREATE INDEX tickets_due ON tickets (due_at, number) WHERE due_at IS NOT NULL;

-- Opening hours per weekday (0 = Monday), minutes after local midnight; NULL: closed all day.
CREATE TABLE business_hours (
    weekday INTEGER PRIMARY KEY NOT NULL,
    opens INTEGER,
    closes INTEGER
);
INSERT INTO business_hours (weekday, opens, closes) VALUES
    (0, 480, 1020), (1, 480, 1020), (2, 480, 1020), (3, 480, 1020), (4, 480, 1020),
    (5, NULL, NULL), (6, NULL, NULL);

-- Days closed besides the public holidays, which are computed.
CREATE TABLE closed_days (
    day DATE PRIMARY KEY NOT NULL,
    note TEXT NOT NULL
);

-- Targets per priority, in business minutes (a business day is nine hours).
CREATE TABLE sla_targets (
    priority TEXT PRIMARY KEY NOT NULL,
    response_minutes BIGINT NOT NULL,
    resolution_minutes BIGINT NOT NULL
);
INSERT INTO sla_targets (priority, response_minutes, resolution_minutes) VALUES
    ('urgent', 120, 540), ('high', 240, 1080), ('normal', 540, 2700), ('low', 1080, 5400);
