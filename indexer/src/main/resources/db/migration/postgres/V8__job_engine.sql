-- PostgreSQL mode. Keep in step with ../h2/V8__job_engine.sql.
-- Jobs run on JobRunr (its own jobrunr_* tables, created by JobRunr); these columns let a job that
-- runs again after its worker died index exactly once, and group the documents of one upload.
-- The document version the job indexes: an older version's job never replaces a newer one's chunks.
ALTER TABLE jobs ADD COLUMN document_version INT;
-- The documents uploaded together in one request (several multipart files), for batch progress.
ALTER TABLE jobs ADD COLUMN batch_id UUID;
CREATE INDEX jobs_batch ON jobs (batch_id);
