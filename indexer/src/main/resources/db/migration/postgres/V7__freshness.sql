-- Freshness loop (issue 7). PostgreSQL. Keep in step with ../h2/V7__freshness.sql.

-- What a rebuild needs: the extracted text of each document version and where its headings and
-- pages start, so a reindex re-chunks without the original upload.
CREATE TABLE document_texts (
  document_id    UUID NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version        INT NOT NULL,
  text           TEXT NOT NULL,
  -- JSON {"headings":[{"offset":0,"level":1,"title":"…"}],"pageStarts":[0,1200]}
  structure      TEXT NOT NULL,
  title          VARCHAR(2048),
  content_type   VARCHAR(255),
  -- what Tika learned about the file, a JSON object text
  metadata       TEXT NOT NULL,
  parser_version VARCHAR(64) NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (document_id, version)
);

-- URL-sourced documents: where they came from, the validators the server sent with the last
-- fetch, and when the source was last checked.
ALTER TABLE documents ADD COLUMN source_url VARCHAR(4096);
ALTER TABLE documents ADD COLUMN etag VARCHAR(1024);
ALTER TABLE documents ADD COLUMN last_modified VARCHAR(128);
ALTER TABLE documents ADD COLUMN checked_at TIMESTAMPTZ;

-- Promotion is one UPDATE of these with active_generation. A node whose Lucene sync has not yet
-- applied change active_ready_seq (the last change of the promoted build) keeps searching
-- previous_generation until it has.
ALTER TABLE collections ADD COLUMN previous_generation INT;
ALTER TABLE collections ADD COLUMN active_ready_seq BIGINT NOT NULL DEFAULT 0;

-- Index generations of a collection: building, ready, active, previous, retired, discarded, failed.
CREATE TABLE generations (
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  generation    INT NOT NULL,
  status        VARCHAR(32) NOT NULL,
  -- the collection settings the generation is built with, a JSON object text
  settings      TEXT NOT NULL,
  -- JSON counts of the build: documents, copied, reembedded, rechunked, failed
  stats         TEXT NOT NULL,
  reason        VARCHAR(4000),
  -- the last chunk change the build wrote
  ready_seq     BIGINT NOT NULL DEFAULT 0,
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (collection_id, generation)
);
INSERT INTO generations (collection_id, generation, status, settings, stats, created_at, updated_at)
  SELECT id, active_generation, 'active', settings, '{}', created_at, created_at FROM collections;

-- Freshness schedules (rag-eval): what to check, when, and what to do on a regression.
CREATE TABLE freshness_schedules (
  id              UUID PRIMARY KEY,
  collection_id   UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  cron            VARCHAR(128) NOT NULL,
  -- comma-separated: eval, sources, drift, ttl
  checks          VARCHAR(128) NOT NULL,
  dataset         VARCHAR(256),
  -- JSON {"ndcg@10":{"floor":0.3,"maxDrop":0.02}}
  thresholds      TEXT NOT NULL,
  on_regression   VARCHAR(16) NOT NULL,
  max_age_seconds BIGINT,
  webhook_url     VARCHAR(2048),
  paused          BOOLEAN NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL,
  last_run_at     TIMESTAMPTZ,
  last_success_at TIMESTAMPTZ
);

-- One row per schedule tick that ran: the primary key makes each tick run exactly once, whichever
-- node claims it first.
CREATE TABLE schedule_ticks (
  schedule_id UUID NOT NULL REFERENCES freshness_schedules (id) ON DELETE CASCADE,
  tick_at     TIMESTAMPTZ NOT NULL,
  node        VARCHAR(128) NOT NULL,
  claimed_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (schedule_id, tick_at)
);

-- The timeline: evals, detections, reindexes, verdicts, promotions, rollbacks, alerts.
CREATE TABLE freshness_events (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  at            TIMESTAMPTZ NOT NULL,
  kind          VARCHAR(32) NOT NULL,
  summary       VARCHAR(2048) NOT NULL,
  details       TEXT NOT NULL
);
CREATE INDEX freshness_events_collection ON freshness_events (collection_id, at);

-- Documents a detector found stale (drift, ttl, sources); search hits of them say stale: true.
CREATE TABLE stale_documents (
  document_id   UUID PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  reason        VARCHAR(64) NOT NULL,
  detected_at   TIMESTAMPTZ NOT NULL
);

-- The eval run each generation is judged against: the gate's run of a promoted generation, or a
-- baseline run the gate made when it found none.
CREATE TABLE eval_baselines (
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  dataset       VARCHAR(256) NOT NULL,
  generation    INT NOT NULL,
  run_id        VARCHAR(64) NOT NULL,
  metrics       TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (collection_id, dataset, generation)
);
