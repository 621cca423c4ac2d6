-- Back to the counter's row: each year's sequence leaves its last number there.
DO $$
DECLARE
    r record;
    v bigint;
BEGIN
    FOR r IN SELECT c.oid::regclass AS seq, substr(c.relname, 15)::integer AS year
             FROM pg_class c
             WHERE c.relkind = 'S' AND c.relname ~ '^ticket_number_[0-9]+$'
               AND c.relnamespace = current_schema()::regnamespace
    LOOP
        EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s', r.seq)
            INTO v;
        INSERT INTO ticket_counters (year, last) VALUES (r.year, v)
            ON CONFLICT (year) DO UPDATE SET last = GREATEST(ticket_counters.last, EXCLUDED.last);
        EXECUTE format('DROP SEQUENCE %s', r.seq);
    END LOOP;
END
$$;
DROP FUNCTION ticket_number_reserve(integer, bigint);
DROP FUNCTION ticket_number_next(integer);
DROP FUNCTION ticket_number_sequence(integer);
