package dev.ragops.indexer;

import com.pgvector.PGvector;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code vector(n)} column type of pgvector. */
@Singleton
@Requires(property = "datasources.default.dialect", value = "POSTGRES")
final class PgVectorColumn implements VectorColumn {

  @Override
  public void bind(PreparedStatement statement, int index, float[] vector) throws SQLException {
    statement.setObject(index, new PGvector(vector));
  }

  @Override
  public float[] read(ResultSet row, String column) throws SQLException {
    return new PGvector(row.getString(column)).toArray();
  }
}
