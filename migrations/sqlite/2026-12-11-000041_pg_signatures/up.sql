-- Nothing on SQLite: its tickets were signed by migration 000040 (see the PostgreSQL up.sql).
SELECT 1;
