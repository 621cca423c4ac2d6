ALTER TABLE tickets DROP COLUMN erased_at;
