-- Erasure (issue 21, point 2). A ticket whose content was erased (on request or by the retention
-- purge) keeps its row and number; `erased_at` says when its subject, requester and messages went.
ALTER TABLE tickets ADD COLUMN erased_at TIMESTAMP;
