-- PostgreSQL + pgvector. Keep in step with ../h2/V1__schema.sql.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE collections (
  id         UUID PRIMARY KEY,
  name       VARCHAR(128) NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE documents (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  source_id     VARCHAR(1024) NOT NULL,
  title         VARCHAR(2048),
  content_type  VARCHAR(255),
  content_hash  CHAR(64) NOT NULL,
  size_bytes    BIGINT NOT NULL,
  version       INT NOT NULL,
  status        VARCHAR(32) NOT NULL,
  error         VARCHAR(4000),
  metadata      TEXT NOT NULL,
  chunk_count   INT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL,
  CONSTRAINT documents_identity UNIQUE (collection_id, source_id)
);

CREATE TABLE jobs (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  document_id   UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  status        VARCHAR(32) NOT NULL,
  stage         VARCHAR(32) NOT NULL,
  chunks_done   INT NOT NULL,
  chunks_total  INT NOT NULL,
  error         VARCHAR(4000),
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_status ON jobs (status);

CREATE TABLE uploads (
  job_id       UUID PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  file_name    VARCHAR(1024),
  content      BYTEA NOT NULL
);

CREATE TABLE chunks (
  id            UUID PRIMARY KEY,
  document_id   UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  collection_id UUID NOT NULL,
  ordinal       INT NOT NULL,
  text          TEXT NOT NULL,
  start_offset  INT NOT NULL,
  end_offset    INT NOT NULL,
  model_id      VARCHAR(128) NOT NULL,
  generation    INT NOT NULL,
  embedding     vector(384) NOT NULL
);
CREATE INDEX chunks_document ON chunks (document_id);
CREATE INDEX chunks_collection ON chunks (collection_id);
CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
