-- Erasure (issue 21, point 2).
-- A ticket whose content was erased (on request or by the retention purge) keeps its row and
-- number; `erased_at` says when its subject, requester and messages went.
-- A deleted organisation stays as a tombstone (name and number, `deleted_at`) for as long as its
-- orders must be kept as bookkeeping records.
-- The records an organisation keeps after one of its people is deleted (orders, certificates and
-- their files, usage results) name that person by a pseudonym, which is no user id: their
-- columns lose the reference to `users`.
ALTER TABLE tickets ADD COLUMN erased_at TIMESTAMP;
ALTER TABLE organisations ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE files DROP CONSTRAINT files_uploaded_by_fkey;
ALTER TABLE validation_requests DROP CONSTRAINT validation_requests_submitted_by_fkey;
ALTER TABLE orders DROP CONSTRAINT orders_placed_by_fkey;
ALTER TABLE usage_checks DROP CONSTRAINT usage_checks_created_by_fkey;
