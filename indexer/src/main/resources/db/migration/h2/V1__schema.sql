-- Embedded mode (H2). Keep in step with ../postgres/V1__schema.sql.
CREATE TABLE collections (
  id         UUID PRIMARY KEY,
  name       VARCHAR(128) NOT NULL UNIQUE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
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
  metadata      CHARACTER LARGE OBJECT NOT NULL,
  chunk_count   INT NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
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
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jobs_status ON jobs (status);

-- The uploaded bytes wait here until their job has run.
CREATE TABLE uploads (
  job_id       UUID PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  file_name    VARCHAR(1024),
  content      BINARY LARGE OBJECT NOT NULL
);

CREATE TABLE chunks (
  id            UUID PRIMARY KEY,
  document_id   UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  collection_id UUID NOT NULL,
  ordinal       INT NOT NULL,
  text          CHARACTER LARGE OBJECT NOT NULL,
  start_offset  INT NOT NULL,
  end_offset    INT NOT NULL,
  model_id      VARCHAR(128) NOT NULL,
  generation    INT NOT NULL,
  -- float32 little-endian; Lucene holds the HNSW graph, this lets it be rebuilt without re-embedding
  embedding     VARBINARY(8192) NOT NULL
);
CREATE INDEX chunks_document ON chunks (document_id);
CREATE INDEX chunks_collection ON chunks (collection_id);
