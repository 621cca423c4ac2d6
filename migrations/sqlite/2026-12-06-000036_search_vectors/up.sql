-- Nothing on SQLite: ticket search keeps its term index here (ticket_terms). PostgreSQL holds
-- the same terms as one tsvector per ticket from this migration on (see its up.sql).
SELECT 1;
