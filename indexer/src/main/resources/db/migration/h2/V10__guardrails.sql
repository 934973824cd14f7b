-- Embedded mode (H2). Keep in step with ../postgres/V10__guardrails.sql.
-- Content scan flags of each chunk (ingestion's ContentScanner), a JSON array of names such as
-- "pii:email" or "injection:instruction"; searches filter on them with the reserved field _flags.
ALTER TABLE chunks ADD COLUMN flags VARCHAR(1024) DEFAULT '[]' NOT NULL;
