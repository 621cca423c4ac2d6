-- Nothing on SQLite: it writes one transaction at a time, so its counter's row costs no waiting
-- (see the PostgreSQL up.sql).
SELECT 1;
