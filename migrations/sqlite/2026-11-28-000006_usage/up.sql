-- Saved results of the cloud active-usage check: figures only, never the uploaded reports.
CREATE TABLE usage_checks (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    reference_date DATE NOT NULL,
    active BIGINT NOT NULL,
    licensed BIGINT NOT NULL,
    share_tenths BIGINT NOT NULL,
    needed BIGINT NOT NULL,
    passes BOOLEAN NOT NULL,
    products TEXT NOT NULL
);
CREATE INDEX usage_checks_organisation ON usage_checks (organisation_id, created_at);
