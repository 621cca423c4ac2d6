-- Two-step sign-in (issue 19, point 7): one authenticator (TOTP) per person, its secret encrypted
-- with a key derived from DONERA_SECRET_KEY, and single-use recovery codes stored as SHA-256
-- hashes. `enabled_at` is NULL while an enrolment waits for its confirming code; `last_step` is
-- the 30-second step of the last accepted code, so a code is never accepted twice.
CREATE TABLE user_totp (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    secret TEXT NOT NULL,
    enabled_at TIMESTAMP,
    last_step BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE recovery_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
