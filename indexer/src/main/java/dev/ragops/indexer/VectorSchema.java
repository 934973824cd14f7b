package dev.ragops.indexer;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;

/**
 * The vectors a {@link LuceneIndex} accepts: unit-length, of one dimension, compared by dot product
 * (which is then cosine similarity).
 *
 * @param dimension floats per vector, 1 to Lucene's maximum (1024)
 */
record VectorSchema(int dimension) {

  /** How far a vector's squared norm may be from 1 before it is rejected as not unit-length. */
  static final double UNIT_TOLERANCE = 1e-3;

  VectorSchema {
    if (dimension < 1 || dimension > KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "vector dimension must be in 1.."
              + KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS
              + ", got "
              + dimension);
    }
  }

  /**
   * @throws IllegalArgumentException if {@code vector} (called {@code what} in the message) has
   *     another dimension or is not unit-length
   */
  void checkVector(float[] vector, String what) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          what + " has dimension " + vector.length + ", expected " + dimension);
    }
    double squaredNorm = 0;
    for (float x : vector) {
      squaredNorm += (double) x * x;
    }
    if (Math.abs(squaredNorm - 1) > UNIT_TOLERANCE) {
      throw new IllegalArgumentException(
          what + " must be unit-length, its norm is " + Math.sqrt(squaredNorm));
    }
  }

  /**
   * @throws IllegalStateException if {@code reader} holds chunks without vectors, or with vectors
   *     of another dimension or similarity, so that the index must be rebuilt
   */
  void checkIndex(IndexReader reader) {
    if (reader.numDocs() == 0) {
      return;
    }
    FieldInfo info = FieldInfos.getMergedFieldInfos(reader).fieldInfo(ChunkDocuments.VECTOR);
    if (info != null
        && info.getVectorDimension() == dimension
        && info.getVectorSimilarityFunction() == ChunkDocuments.SIMILARITY) {
      return;
    }
    String found =
        info == null
            ? "no vectors"
            : info.getVectorDimension() + "-dimensional " + info.getVectorSimilarityFunction();
    throw new IllegalStateException(
        "the Lucene index holds "
            + found
            + " vectors but "
            + dimension
            + "-dimensional "
            + ChunkDocuments.SIMILARITY
            + " vectors are expected: rebuild it");
  }
}
