package dev.ragops.indexer;

import dev.ragops.model.Chunk;
import dev.ragops.model.IndexedChunk;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The Lucene schema of a chunk: one document per chunk. {@code id}, {@code documentId}, {@code
 * collection} and {@code sourceId} are exact-match strings; {@code title} and {@code text} are
 * analyzed; offsets, ordinal and metadata (JSON) are only stored; {@code vector} is an HNSW field
 * compared by dot product, which equals cosine similarity for the unit-length vectors it holds.
 */
final class ChunkDocuments {

  static final String ID = "id";
  static final String DOCUMENT_ID = "documentId";
  static final String COLLECTION = "collection";
  static final String SOURCE_ID = "sourceId";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String ORDINAL = "ordinal";
  static final String START = "start";
  static final String END = "end";
  static final String METADATA = "metadata";
  static final String VECTOR = "vector";

  static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private ChunkDocuments() {}

  /** The Lucene document for {@code indexed}; the vector is added only when {@code withVector}. */
  static Document toDocument(IndexedChunk indexed, boolean withVector) {
    Chunk chunk = indexed.chunk();
    Document doc = new Document();
    doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
    doc.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
    doc.add(new StringField(COLLECTION, chunk.collection(), Field.Store.YES));
    if (chunk.sourceId() != null) {
      doc.add(new StringField(SOURCE_ID, chunk.sourceId(), Field.Store.YES));
    }
    doc.add(new TextField(TITLE, chunk.title(), Field.Store.YES));
    doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
    doc.add(new StoredField(ORDINAL, chunk.ordinal()));
    doc.add(new StoredField(START, chunk.startOffset()));
    doc.add(new StoredField(END, chunk.endOffset()));
    doc.add(new StoredField(METADATA, MetadataJson.write(chunk.metadata())));
    if (withVector) {
      doc.add(new KnnFloatVectorField(VECTOR, indexed.vector(), SIMILARITY));
    }
    return doc;
  }

  /** Reads back the chunk {@link #toDocument} stored. */
  static Chunk toChunk(Document doc) {
    return new Chunk(
        doc.get(ID),
        doc.get(DOCUMENT_ID),
        doc.get(COLLECTION),
        doc.get(SOURCE_ID),
        doc.get(TITLE),
        intValue(doc, ORDINAL),
        doc.get(TEXT),
        intValue(doc, START),
        intValue(doc, END),
        MetadataJson.read(doc.get(METADATA)));
  }

  private static int intValue(Document doc, String field) {
    return doc.getField(field).numericValue().intValue();
  }
}
