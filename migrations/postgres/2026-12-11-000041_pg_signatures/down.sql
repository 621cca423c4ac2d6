DROP INDEX tickets_unsigned;
UPDATE tickets SET terms_sig = NULL WHERE terms_sig IS NOT NULL;
