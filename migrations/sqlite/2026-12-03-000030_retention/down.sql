DROP INDEX audit_log_at;
ALTER TABLE files DROP COLUMN erased_at;
