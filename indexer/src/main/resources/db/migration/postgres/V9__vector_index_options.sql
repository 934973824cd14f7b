-- PostgreSQL. Keep in step with ../h2/V9__vector_index_options.sql (nothing to do there).
-- How chunks.embedding is stored and indexed, from configuration (PgVectorIndexOptions passes
-- the values in as Flyway placeholders):
--   ragops.pgvector.storage             vector (float32, default) or halfvec (float16, half the size)
--   ragops.pgvector.hnsw.m              HNSW links per node (default 16)
--   ragops.pgvector.hnsw.ef-construction HNSW build breadth (default 64)
-- With the defaults nothing changes (V1 already built this index). The values are applied once,
-- when a database is migrated past V9; PgVectorIndexCheck refuses to start when the configuration
-- later disagrees with the database.
DO $$
BEGIN
  IF '${ragops_vector_storage}' NOT IN ('vector', 'halfvec') THEN
    RAISE EXCEPTION 'ragops.pgvector.storage must be vector or halfvec, got %',
      '${ragops_vector_storage}';
  END IF;
  IF '${ragops_vector_storage}' <> 'vector'
     OR ${ragops_hnsw_m} <> 16 OR ${ragops_hnsw_ef_construction} <> 64 THEN
    DROP INDEX IF EXISTS chunks_embedding;
    IF '${ragops_vector_storage}' = 'halfvec' THEN
      ALTER TABLE chunks ALTER COLUMN embedding TYPE halfvec(384) USING embedding::halfvec(384);
    END IF;
    EXECUTE format(
      'CREATE INDEX chunks_embedding ON chunks USING hnsw (embedding %s_cosine_ops)'
        || ' WITH (m = %s, ef_construction = %s)',
      '${ragops_vector_storage}', ${ragops_hnsw_m}, ${ragops_hnsw_ef_construction});
  END IF;
END
$$;
