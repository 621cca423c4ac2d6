-- The transactional outbox: one row per delivery (an e-mail to one person, or one webhook call to
-- the partner), written in the same transaction as the change that caused it. `id` is stable
-- across retries so that receivers can de-duplicate.
CREATE TABLE outbox_events (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT,
    locale TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    delivered_at TIMESTAMP,
    locked_by TEXT,
    locked_until TIMESTAMP
);
CREATE INDEX outbox_events_due ON outbox_events (state, next_attempt_at, created_at);
