ALTER TABLE mail_in ADD COLUMN raw BLOB;
UPDATE mail_in SET raw = (
    SELECT CAST(group_concat(CAST(data AS TEXT), '') AS BLOB)
    FROM (SELECT data FROM mail_in_originals o WHERE o.mail_key = mail_in.mail_key ORDER BY part)
) WHERE mail_key IN (SELECT mail_key FROM mail_in_originals);
DROP TABLE mail_in_originals;
