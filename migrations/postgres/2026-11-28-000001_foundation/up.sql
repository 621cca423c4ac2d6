-- Hits counted by the database-backed rate limiter (login, reset, contact form, feedback):
-- kept in the database so that limits hold across restarts and instances.
CREATE TABLE throttle_hits (
    id BIGSERIAL PRIMARY KEY,
    bucket TEXT NOT NULL,
    hit_at TIMESTAMP NOT NULL
);
CREATE INDEX throttle_hits_bucket_time ON throttle_hits (bucket, hit_at);
