DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE tokens;
DROP TABLE users;
DROP TABLE organisations;
