package dev.ragops.indexer;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Vectors as little-endian float32 bytes, for databases without a vector type (H2). */
@Singleton
@Requires(property = "datasources.default.dialect", value = "H2")
final class BinaryVectorColumn implements VectorColumn {

  @Override
  public void bind(PreparedStatement statement, int index, float[] vector) throws SQLException {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    statement.setBytes(index, bytes.array());
  }

  @Override
  public float[] read(ResultSet row, String column) throws SQLException {
    ByteBuffer bytes = ByteBuffer.wrap(row.getBytes(column)).order(ByteOrder.LITTLE_ENDIAN);
    float[] vector = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(vector);
    return vector;
  }
}
