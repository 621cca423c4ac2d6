-- Retention (issue 21, point 3): the daily purge empties a certificate's bytes and name once its
-- retention period is over; the file row stays (validation_requests.file_id refers to it, and the
-- request is the record of the decision) and `erased_at` says when its content went.
ALTER TABLE files ADD COLUMN erased_at TIMESTAMP;
-- The purge finds old audit entries by time (the existing indexes lead with actor or record).
CREATE INDEX audit_log_at ON audit_log (at);
