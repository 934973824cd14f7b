-- Embedded mode (H2). Keep in step with ../postgres/V4__ingestion.sql.
-- Per-collection settings as a JSON object text, e.g. {"chunker":{"strategy":"recursive"}}.
ALTER TABLE collections ADD COLUMN settings CHARACTER LARGE OBJECT DEFAULT '{}' NOT NULL;
-- A title sent with the upload (JSON text uploads); it wins over the title Tika extracts.
ALTER TABLE uploads ADD COLUMN title VARCHAR(2048);
