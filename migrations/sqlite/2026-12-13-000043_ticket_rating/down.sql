CREATE INDEX ticket_ratings_ticket ON ticket_ratings (ticket_id, rating);
ALTER TABLE tickets DROP COLUMN rating;
