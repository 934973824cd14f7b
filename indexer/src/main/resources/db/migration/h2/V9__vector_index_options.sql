-- H2 (embedded mode). Keep in step with ../postgres/V9__vector_index_options.sql.
-- Nothing to do here: H2 keeps vectors as bytes and Lucene indexes them; the pgvector storage
-- type and HNSW parameters of V9 apply to PostgreSQL only.
SELECT 1;
