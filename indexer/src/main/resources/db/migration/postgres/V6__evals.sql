-- PostgreSQL mode. Keep in step with ../h2/V6__evals.sql.
-- rag-eval: golden sets with lineage, eval runs with per-query results, production traces.

-- A named golden set of one collection.
CREATE TABLE eval_datasets (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  name          VARCHAR(128) NOT NULL,
  description   VARCHAR(4000),
  created_at    TIMESTAMPTZ NOT NULL,
  CONSTRAINT eval_datasets_name UNIQUE (collection_id, name)
);

-- One query of a golden set; confirmed_at is when its judgments were last (re)labelled.
CREATE TABLE eval_cases (
  id               UUID PRIMARY KEY,
  dataset_id       UUID NOT NULL REFERENCES eval_datasets (id) ON DELETE CASCADE,
  query_text       VARCHAR(4096) NOT NULL,
  reference_answer TEXT,
  -- manual, or query-log when promoted from a logged search (origin_id = the query id)
  origin           VARCHAR(32) NOT NULL,
  origin_id        VARCHAR(64),
  created_at       TIMESTAMPTZ NOT NULL,
  confirmed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX eval_cases_dataset ON eval_cases (dataset_id, created_at);

-- A graded judgment of a case: a whole document (chunk_id NULL) or one chunk of it, with the
-- document's content hash when it was judged. A different hash now makes the case stale.
CREATE TABLE eval_judgments (
  case_id      UUID NOT NULL REFERENCES eval_cases (id) ON DELETE CASCADE,
  position     INT NOT NULL,
  source_id    VARCHAR(1024) NOT NULL,
  chunk_id     UUID,
  grade        INT NOT NULL,
  content_hash CHAR(64) NOT NULL,
  PRIMARY KEY (case_id, position)
);

-- One evaluation of a golden set against one generation with one configuration.
CREATE TABLE eval_runs (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  dataset_name  VARCHAR(128) NOT NULL,
  status        VARCHAR(16) NOT NULL,
  -- manual, schedule or gate
  trigger_kind  VARCHAR(16) NOT NULL,
  generation    INT NOT NULL,
  -- JSON: the retrieval settings and the configuration snapshot (embedding model, depth)
  settings      TEXT NOT NULL,
  -- JSON: metric name -> mean over the evaluated cases; NULL until it succeeded
  metrics       TEXT,
  error         VARCHAR(4000),
  created_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ
);
CREATE INDEX eval_runs_collection ON eval_runs (collection_id, created_at);

-- The result of one case in one run.
CREATE TABLE eval_run_queries (
  run_id     UUID NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
  position   INT NOT NULL,
  case_id    UUID NOT NULL,
  query_text VARCHAR(4096) NOT NULL,
  -- JSON: metric name -> value for this case
  metrics    TEXT NOT NULL,
  -- JSON array of the ranked ids the metrics were computed on (source ids, or chunk ids)
  retrieved  TEXT NOT NULL,
  stale      BOOLEAN NOT NULL,
  PRIMARY KEY (run_id, position)
);

-- An answer given in production, scored for faithfulness at ragops.traces.sample-rate.
CREATE TABLE eval_traces (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  question      VARCHAR(10000) NOT NULL,
  answer        TEXT NOT NULL,
  -- JSON arrays: the contexts as sent, or resolved from chunk_ids
  contexts      TEXT NOT NULL,
  chunk_ids     TEXT NOT NULL,
  -- pending (sampled, not yet scored), scored, skipped (not sampled) or failed
  status        VARCHAR(16) NOT NULL,
  judge         VARCHAR(16),
  score         DOUBLE PRECISION,
  -- JSON: the judged sentences
  sentences     TEXT,
  error         VARCHAR(4000),
  created_at    TIMESTAMPTZ NOT NULL,
  scored_at     TIMESTAMPTZ
);
CREATE INDEX eval_traces_collection ON eval_traces (collection_id, created_at);

-- Search settings a collection's hybrid searches take when they name no fusion settings, written
-- by tuning (evals:tune) only when the tuned settings gained on held-out cases.
CREATE TABLE eval_retrieval_defaults (
  collection_id UUID PRIMARY KEY REFERENCES collections (id) ON DELETE CASCADE,
  -- JSON: e.g. {"fusion":"weighted","weights":{"keyword":0.3,"vector":0.7},"normalization":"minmax"}
  settings      TEXT NOT NULL,
  -- JSON: the tuning report that chose them
  report        TEXT NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);

-- A tuning (evals:tune), run in the background; report is its JSON result once it succeeded.
CREATE TABLE eval_tunings (
  id            UUID PRIMARY KEY,
  collection_id UUID NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  dataset_name  VARCHAR(128) NOT NULL,
  -- queued, running, succeeded or failed
  status        VARCHAR(16) NOT NULL,
  report        TEXT,
  error         VARCHAR(4000),
  created_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ
);
