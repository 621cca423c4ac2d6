-- Erasure (issue 21, point 2).
-- A ticket whose content was erased (on request or by the retention purge) keeps its row and
-- number; `erased_at` says when its subject, requester and messages went.
-- A deleted organisation stays as a tombstone (name and number, `deleted_at`) for as long as its
-- orders must be kept as bookkeeping records.
-- The records an organisation keeps after one of its people is deleted (orders, certificates and
-- their files, usage results) name that person by a pseudonym, which is no user id: their
-- columns lose the reference to `users`. SQLite cannot drop a constraint, so those four tables are
-- rebuilt, with foreign keys off, which needs this migration outside diesel's transaction
-- (metadata.toml) and its own transaction inside.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

ALTER TABLE tickets ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE organisations ADD COLUMN deleted_at TIMESTAMP;

CREATE TABLE files_new (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    uploaded_by TEXT NOT NULL,
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    erased_at TIMESTAMP
);
INSERT INTO files_new (id, organisation_id, uploaded_by, original_name, content_type, size, sha256, data, created_at, erased_at)
    SELECT id, organisation_id, uploaded_by, original_name, content_type, size, sha256, data, created_at, erased_at FROM files;
DROP TABLE files;
ALTER TABLE files_new RENAME TO files;
CREATE INDEX files_organisation ON files (organisation_id);

CREATE TABLE validation_requests_new (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    file_id TEXT NOT NULL REFERENCES files (id),
    note TEXT NOT NULL,
    state TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    valid_from DATE,
    valid_to DATE,
    reason_sv TEXT,
    reason_en TEXT
);
INSERT INTO validation_requests_new (id, organisation_id, file_id, note, state, submitted_by, submitted_at, decided_by, decided_at, valid_from, valid_to, reason_sv, reason_en)
    SELECT id, organisation_id, file_id, note, state, submitted_by, submitted_at, decided_by, decided_at, valid_from, valid_to, reason_sv, reason_en FROM validation_requests;
DROP TABLE validation_requests;
ALTER TABLE validation_requests_new RENAME TO validation_requests;
CREATE INDEX validation_requests_queue ON validation_requests (state, submitted_at);
CREATE INDEX validation_requests_organisation ON validation_requests (organisation_id, submitted_at);

CREATE TABLE orders_new (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    placed_by TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    total_ore BIGINT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    reason TEXT,
    fulfilment_note TEXT
);
INSERT INTO orders_new (id, organisation_id, placed_by, idempotency_key, state, total_ore, submitted_at, updated_at, reason, fulfilment_note)
    SELECT id, organisation_id, placed_by, idempotency_key, state, total_ore, submitted_at, updated_at, reason, fulfilment_note FROM orders;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE INDEX orders_queue ON orders (state, submitted_at);
CREATE INDEX orders_organisation ON orders (organisation_id, submitted_at);

CREATE TABLE usage_checks_new (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    reference_date DATE NOT NULL,
    active BIGINT NOT NULL,
    licensed BIGINT NOT NULL,
    share_tenths BIGINT NOT NULL,
    needed BIGINT NOT NULL,
    passes BOOLEAN NOT NULL,
    products TEXT NOT NULL
);
INSERT INTO usage_checks_new (id, organisation_id, created_by, created_at, reference_date, active, licensed, share_tenths, needed, passes, products)
    SELECT id, organisation_id, created_by, created_at, reference_date, active, licensed, share_tenths, needed, passes, products FROM usage_checks;
DROP TABLE usage_checks;
ALTER TABLE usage_checks_new RENAME TO usage_checks;
CREATE INDEX usage_checks_organisation ON usage_checks (organisation_id, created_at);

COMMIT;
PRAGMA foreign_keys = ON;
