-- Ticket numbers on PostgreSQL come from one sequence per year, `ticket_number_<year>`.
-- The counter's row (ticket_counters) was locked by every creating transaction until it
-- committed, so creations queued one after another, each for its whole length. A sequence hands
-- out numbers without a lock held to the end; a creation that rolls back leaves a gap in its
-- year's numbers. ticket_counters is kept for SQLite (which writes one transaction at a time
-- anyway) and as where a year's new sequence starts, so numbers go on from those given before.

-- The next number of year `y`.
CREATE FUNCTION ticket_number_next(y integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    seq regclass := to_regclass(format('ticket_number_%s', y));
BEGIN
    IF seq IS NULL THEN
        seq := ticket_number_sequence(y);
    END IF;
    RETURN nextval(seq);
END
$$;

-- Year `y`'s sequence, made by the first ticket of the year. Creators of the same year's first
-- tickets wait for each other on the counters' table. Taking that lock also reads the catalogue
-- afresh, so the one who waited sees the sequence the first one made once it committed.
CREATE FUNCTION ticket_number_sequence(y integer) RETURNS regclass
LANGUAGE plpgsql AS $$
DECLARE
    name text := format('ticket_number_%s', y);
    seq regclass;
BEGIN
    LOCK TABLE ticket_counters IN SHARE ROW EXCLUSIVE MODE;
    seq := to_regclass(name);
    IF seq IS NULL THEN
        EXECUTE format('CREATE SEQUENCE %I AS bigint START %s', name,
            COALESCE((SELECT last FROM ticket_counters WHERE year = y), 0) + 1);
        seq := to_regclass(name);
    END IF;
    RETURN seq;
END
$$;

-- Reserves `n` consecutive numbers of year `y` and returns the first (seed-bench). The ALTER
-- takes the sequence's lock that nextval waits for, so no creation takes a number in between.
CREATE FUNCTION ticket_number_reserve(y integer, n bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    seq regclass := ticket_number_sequence(y);
    v bigint;
BEGIN
    EXECUTE format('ALTER SEQUENCE %s NO CYCLE', seq);
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s', seq)
        INTO v;
    IF n > 0 THEN
        PERFORM setval(seq, v + n);
    END IF;
    RETURN v + 1;
END
$$;
