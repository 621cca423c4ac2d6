DROP TABLE usage_checks;
