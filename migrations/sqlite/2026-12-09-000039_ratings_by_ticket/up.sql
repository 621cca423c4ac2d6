-- The queue shows each ticket's satisfaction answer: its page looks up the answers of its 50
-- tickets by id. With the rating in the index, each is one index entry, not an index entry and
-- a row (a subquery with each queue row; since 000043 the rating is kept on the ticket).
CREATE INDEX ticket_ratings_ticket ON ticket_ratings (ticket_id, rating);
