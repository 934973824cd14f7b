-- Searches as they were asked, sampled, so golden sets can be built from real traffic.
CREATE TABLE query_log (
  id           UUID PRIMARY KEY,
  collection   VARCHAR(128) NOT NULL,
  query_text   VARCHAR(4096) NOT NULL,
  parameters   TEXT NOT NULL,
  chunk_ids    TEXT NOT NULL,
  document_ids TEXT NOT NULL,
  latency_ms   BIGINT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX query_log_collection ON query_log (collection, created_at);
