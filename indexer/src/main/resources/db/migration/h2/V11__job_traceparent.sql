-- The W3C traceparent of the request that queued an ingest job (null when tracing was off), so the
-- job's trace continues the upload's even when it runs later on another worker.
ALTER TABLE jobs ADD COLUMN traceparent VARCHAR(64);
-- The traceparent of the write that appended a change (its ingest job's ingest.write span), so a
-- node's Lucene sync, which applies it later, links its lucene.apply span to that write.
ALTER TABLE chunk_changes ADD COLUMN traceparent VARCHAR(64);
