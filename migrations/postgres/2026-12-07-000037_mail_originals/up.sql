-- The original of a mailed message (the .eml staff download) in parts of at most 1 MiB, in order
-- of `part`: storing a 25 MB mail as one value had SQLite build a second 25 MB record in memory
-- (libpq a second copy of the parameter); parts cost one part each.
CREATE TABLE mail_in_originals (
    mail_key TEXT NOT NULL REFERENCES mail_in (mail_key),
    part INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (mail_key, part)
);
INSERT INTO mail_in_originals (mail_key, part, data)
SELECT mail_key, 0, raw FROM mail_in WHERE raw IS NOT NULL;
ALTER TABLE mail_in DROP COLUMN raw;
