-- The dropped references to users are not restored: pseudonyms written since would break them.
ALTER TABLE organisations DROP COLUMN deleted_at;
ALTER TABLE tickets DROP COLUMN erased_at;
