-- Embedded mode (H2). Keep in step with ../postgres/V2__embedding_cache.sql.
-- Content-addressed embedding cache (gpu-embedder's CachingEmbedder): a text whose normalized form
-- has this SHA-256 was embedded by this model into this vector, so it is never embedded again.
CREATE TABLE embedding_cache (
  model_id   VARCHAR(128) NOT NULL,
  -- SHA-256, hex, of the normalized text
  text_hash  CHAR(64) NOT NULL,
  dimension  INT NOT NULL,
  -- float32 little-endian
  embedding  VARBINARY(65536) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (model_id, text_hash)
);
