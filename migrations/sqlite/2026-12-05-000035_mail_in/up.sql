-- Support by e-mail (issue 23): every message that came in, once. `mail_key` is its Message-ID
-- (or `sha256:` and the hash of the raw bytes when it has none), so the same mail fetched twice,
-- or by IMAP and the pipe both, is stored once. `raw` is the original for staff (.eml) until the
-- ticket's content is erased or purged; `refused` lists the attachments not taken, one
-- "name<TAB>reason" per line; a bounce names the address that failed in `bounced_email`.
CREATE TABLE mail_in (
    mail_key TEXT PRIMARY KEY NOT NULL,
    received_at TIMESTAMP NOT NULL,
    source TEXT NOT NULL,
    sender_email TEXT NOT NULL,
    outcome TEXT NOT NULL,
    ticket_id TEXT REFERENCES tickets (id),
    message_id BIGINT REFERENCES ticket_messages (id),
    raw BLOB,
    refused TEXT NOT NULL DEFAULT '',
    bounced_email TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_in_message ON mail_in (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX mail_in_ticket ON mail_in (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX mail_in_sender ON mail_in (sender_email, received_at);
-- Records without a ticket (machine mail, bounces, refused storms) go after the outbox's
-- retention (privacy::purge, `mail-records`).
CREATE INDEX mail_in_unticketed ON mail_in (received_at) WHERE ticket_id IS NULL;
CREATE INDEX mail_in_bounced ON mail_in (bounced_email, received_at) WHERE bounced_email IS NOT NULL;
