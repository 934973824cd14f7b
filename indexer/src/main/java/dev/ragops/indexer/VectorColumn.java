package dev.ragops.indexer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How the {@code chunks.embedding} column stores a vector: pgvector, or raw bytes on H2. */
interface VectorColumn {

  void bind(PreparedStatement statement, int index, float[] vector) throws SQLException;

  float[] read(ResultSet row, String column) throws SQLException;
}
