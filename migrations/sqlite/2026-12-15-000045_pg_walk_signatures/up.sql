-- Nothing on SQLite: its walk indexes carry the signature since 000040 (see the PostgreSQL
-- up.sql).
SELECT 1;
