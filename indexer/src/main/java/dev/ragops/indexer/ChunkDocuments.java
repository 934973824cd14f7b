package dev.ragops.indexer;

import dev.ragops.model.Chunk;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.TextAnalysis;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The Lucene schema of a chunk: one document per chunk. {@code id}, {@code documentId}, {@code
 * collection} and {@code sourceId} are exact-match strings; {@code generation} an exact-match int;
 * {@code title} and {@code text} are analyzed; offsets, ordinal, freshness fields and metadata
 * (JSON) are stored. Each metadata value is also indexed for filtering, by type, under {@link
 * #STRING_PREFIX}, {@link #NUMBER_PREFIX} or {@link #BOOLEAN_PREFIX} plus the key, so one key may
 * hold different types in different documents. {@code vector} is an HNSW field compared by dot
 * product, which equals cosine similarity for the unit-length vectors it holds.
 */
final class ChunkDocuments {

  static final String ID = "id";
  static final String DOCUMENT_ID = "documentId";
  static final String COLLECTION = "collection";
  static final String GENERATION = "generation";
  static final String SOURCE_ID = "sourceId";
  static final String TITLE = "title";
  static final String TEXT = "text";

  /** Title and text of chunks analyzed other than as English (see {@link TextFields}). */
  static final String STORED_TITLE = "title.stored";

  static final String STORED_TEXT = "text.stored";
  static final String ORDINAL = "ordinal";
  static final String START = "start";
  static final String END = "end";
  static final String HEADING_PATH = "headingPath";
  static final String PAGE = "page";
  static final String DOCUMENT_VERSION = "documentVersion";
  static final String INDEXED_AT = "indexedAt";
  static final String METADATA = "metadata";
  static final String VECTOR = "vector";
  static final String FLAGS = "flags";

  /**
   * Filter terms of the scan flags: each flag and each of its prefixes before a {@code ':'}, so
   * {@code pii} and {@code pii:email} both find a chunk flagged {@code pii:email}.
   */
  static final String FLAG_TERMS = "flag";

  static final String STRING_PREFIX = "ms.";
  static final String NUMBER_PREFIX = "mn.";
  static final String BOOLEAN_PREFIX = "mb.";

  static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private ChunkDocuments() {}

  /** The Lucene document for {@code indexed}, analyzed as English (the default). */
  static Document toDocument(IndexedChunk indexed, boolean withVector) {
    return toDocument(indexed, withVector, TextAnalysis.ENGLISH);
  }

  /**
   * The Lucene document for {@code indexed}, its title and text searchable under {@code analysis}
   * (see {@link TextFields}); the vector is added only when {@code withVector}.
   */
  static Document toDocument(IndexedChunk indexed, boolean withVector, TextAnalysis analysis) {
    Chunk chunk = indexed.chunk();
    Document doc = new Document();
    doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
    doc.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
    doc.add(new StringField(COLLECTION, chunk.collection(), Field.Store.YES));
    doc.add(new IntField(GENERATION, chunk.generation(), Field.Store.YES));
    if (chunk.sourceId() != null) {
      doc.add(new StringField(SOURCE_ID, chunk.sourceId(), Field.Store.YES));
    }
    if (analysis == TextAnalysis.ENGLISH) {
      doc.add(new TextField(TITLE, chunk.title(), Field.Store.YES));
      doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
    } else {
      // Lucene keeps one schema per field name, so stored-only values need names of their own
      doc.add(new StoredField(STORED_TITLE, chunk.title()));
      doc.add(new StoredField(STORED_TEXT, chunk.text()));
      doc.add(new TextField(TextFields.title(analysis), chunk.title(), Field.Store.NO));
      doc.add(new TextField(TextFields.text(analysis), chunk.text(), Field.Store.NO));
    }
    doc.add(new StoredField(ORDINAL, chunk.ordinal()));
    doc.add(new StoredField(START, chunk.startOffset()));
    doc.add(new StoredField(END, chunk.endOffset()));
    doc.add(new StoredField(HEADING_PATH, chunk.headingPath()));
    doc.add(new StoredField(PAGE, chunk.page()));
    doc.add(new StoredField(DOCUMENT_VERSION, chunk.documentVersion()));
    if (chunk.indexedAt() != null) {
      doc.add(new StoredField(INDEXED_AT, chunk.indexedAt().toEpochMilli()));
    }
    doc.add(new StoredField(METADATA, MetadataJson.write(chunk.metadata())));
    chunk.metadata().forEach((key, value) -> addFilterFields(doc, key, value));
    for (String flag : chunk.flags()) {
      doc.add(new StoredField(FLAGS, flag));
      doc.add(new StringField(FLAG_TERMS, flag, Field.Store.NO));
      for (int colon = flag.indexOf(':'); colon > 0; colon = flag.indexOf(':', colon + 1)) {
        doc.add(new StringField(FLAG_TERMS, flag.substring(0, colon), Field.Store.NO));
      }
    }
    if (withVector) {
      doc.add(new KnnFloatVectorField(VECTOR, indexed.vector(), SIMILARITY));
    }
    return doc;
  }

  private static void addFilterFields(Document doc, String key, Object value) {
    switch (value) {
      case String text -> doc.add(new StringField(STRING_PREFIX + key, text, Field.Store.NO));
      case Number number ->
          doc.add(new DoubleField(NUMBER_PREFIX + key, number.doubleValue(), Field.Store.NO));
      case Boolean flag ->
          doc.add(new StringField(BOOLEAN_PREFIX + key, flag.toString(), Field.Store.NO));
      case Collection<?> values -> values.forEach(element -> addFilterFields(doc, key, element));
      case Map<?, ?> ignored -> {
        // nested objects are stored but not filterable
      }
      default -> {
        // null: nothing to match
      }
    }
  }

  /** Reads back the chunk {@link #toDocument} stored. */
  static Chunk toChunk(Document doc) {
    var indexedAt = doc.getField(INDEXED_AT);
    return new Chunk(
        doc.get(ID),
        doc.get(DOCUMENT_ID),
        doc.get(COLLECTION),
        doc.get(SOURCE_ID),
        doc.get(TITLE) != null ? doc.get(TITLE) : doc.get(STORED_TITLE),
        intValue(doc, ORDINAL),
        doc.get(TEXT) != null ? doc.get(TEXT) : doc.get(STORED_TEXT),
        intValue(doc, START),
        intValue(doc, END),
        MetadataJson.read(doc.get(METADATA)),
        doc.get(HEADING_PATH),
        intValue(doc, PAGE),
        intValue(doc, DOCUMENT_VERSION),
        intValue(doc, GENERATION),
        indexedAt == null ? null : Instant.ofEpochMilli(indexedAt.numericValue().longValue()),
        List.of(doc.getValues(FLAGS)));
  }

  private static int intValue(Document doc, String field) {
    return doc.getField(field).numericValue().intValue();
  }
}
