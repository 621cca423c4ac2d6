DROP INDEX ticket_ratings_at_rating;
DROP INDEX tickets_active_assignee;
DROP INDEX tickets_resolved;
DROP INDEX tickets_first_response;
