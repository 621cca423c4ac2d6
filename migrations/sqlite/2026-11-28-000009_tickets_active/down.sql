DROP INDEX tickets_active_updated;
