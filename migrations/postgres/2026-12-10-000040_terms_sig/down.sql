ALTER TABLE tickets DROP COLUMN terms_sig;
