DROP INDEX ticket_ratings_ticket;
