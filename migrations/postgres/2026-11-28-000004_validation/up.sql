-- Uploaded files live in the database, with their hash, size and the type found in their content;
-- validation requests point at the certificate file and record the partner's decision.
CREATE TABLE files (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    original_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    data BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX files_organisation ON files (organisation_id);

CREATE TABLE validation_requests (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    file_id TEXT NOT NULL REFERENCES files (id),
    note TEXT NOT NULL,
    state TEXT NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    valid_from DATE,
    valid_to DATE,
    reason_sv TEXT,
    reason_en TEXT
);
CREATE INDEX validation_requests_queue ON validation_requests (state, submitted_at);
CREATE INDEX validation_requests_organisation ON validation_requests (organisation_id, submitted_at);
