ALTER TABLE mail_in ADD COLUMN raw BYTEA;
UPDATE mail_in SET raw = (
    SELECT string_agg(data, ''::bytea ORDER BY part)
    FROM mail_in_originals o WHERE o.mail_key = mail_in.mail_key
) WHERE mail_key IN (SELECT mail_key FROM mail_in_originals);
DROP TABLE mail_in_originals;
