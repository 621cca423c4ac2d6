-- The column SQLite's search walk reads (see the SQLite migration of the same name). PostgreSQL
-- tests a ticket's words on its own vector (ticket_search) and leaves this NULL; it exists so
-- both backends keep one table layout.
ALTER TABLE tickets ADD COLUMN terms_sig BYTEA;
