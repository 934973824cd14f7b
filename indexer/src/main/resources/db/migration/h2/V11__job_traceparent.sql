-- The W3C traceparent of the request that queued an ingest job (null when tracing was off), so the
-- job's trace continues the upload's even when it runs later on another worker.
ALTER TABLE jobs ADD COLUMN traceparent VARCHAR(64);
