-- The queue shows each ticket's satisfaction answer: its page looks up the answers of its 50
-- tickets by id. With the rating in the index, each is one index entry, not an index entry and
-- a row (tickets::model::rating_of_row, read with each queue row).
CREATE INDEX ticket_ratings_ticket ON ticket_ratings (ticket_id, rating);
