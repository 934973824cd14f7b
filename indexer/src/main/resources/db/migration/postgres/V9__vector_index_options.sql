-- PostgreSQL. Keep in step with ../h2/V9__vector_index_options.sql (nothing to do there).
-- How chunks.embedding is stored and indexed, from configuration:
--   ragops.pgvector.storage              vector (float32, default) or halfvec (float16, half the size)
--   ragops.pgvector.hnsw.m               HNSW links per node (default 16)
--   ragops.pgvector.hnsw.ef-construction HNSW build breadth (default 64)
-- PgVectorIndexOptions hands them over as session settings of the migration's connection (Flyway
-- initSql: SET ragops.vector_storage = …); where they are not set (defaults, or a tool that
-- migrates without ragops's configuration) nothing changes, as V1 already built this index.
-- Applied once, when a database is migrated past V9; PgVectorIndexCheck refuses to start when the
-- configuration later disagrees with the database.
DO $$
DECLARE
  storage text := COALESCE(NULLIF(current_setting('ragops.vector_storage', true), ''), 'vector');
  m int := COALESCE(NULLIF(current_setting('ragops.hnsw_m', true), ''), '16')::int;
  ef_construction int :=
    COALESCE(NULLIF(current_setting('ragops.hnsw_ef_construction', true), ''), '64')::int;
BEGIN
  IF storage NOT IN ('vector', 'halfvec') THEN
    RAISE EXCEPTION 'ragops.pgvector.storage must be vector or halfvec, got %', storage;
  END IF;
  IF storage <> 'vector' OR m <> 16 OR ef_construction <> 64 THEN
    DROP INDEX IF EXISTS chunks_embedding;
    IF storage = 'halfvec' THEN
      ALTER TABLE chunks ALTER COLUMN embedding TYPE halfvec(384) USING embedding::halfvec(384);
    END IF;
    EXECUTE format(
      'CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding %s_cosine_ops)'
        || ' WITH (m = %s, ef_construction = %s)',
      storage, m, ef_construction);
  END IF;
END
$$;
