DROP INDEX tickets_category_state;
DROP INDEX tickets_active_updated;
