-- Searches as they were asked, sampled, so golden sets can be built from real traffic.
CREATE TABLE query_log (
  id           UUID PRIMARY KEY,
  collection   VARCHAR(128) NOT NULL,
  query_text   VARCHAR(4096) NOT NULL,
  parameters   CHARACTER LARGE OBJECT NOT NULL,
  chunk_ids    CHARACTER LARGE OBJECT NOT NULL,
  document_ids CHARACTER LARGE OBJECT NOT NULL,
  latency_ms   BIGINT NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX query_log_collection ON query_log (collection, created_at);
