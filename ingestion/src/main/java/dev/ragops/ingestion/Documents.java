package dev.ragops.ingestion;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Filter;
import dev.ragops.model.FilterSyntax;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Finds, edits and deletes the documents of a collection. */
@Singleton
final class Documents {

  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final Collections collections;
  private final DocumentRepository documents;
  private final ChunkWriter chunks;
  private final JsonMapper json;

  Documents(
      Collections collections, DocumentRepository documents, ChunkWriter chunks, JsonMapper json) {
    this.collections = collections;
    this.documents = documents;
    this.chunks = chunks;
    this.json = json;
  }

  List<DocumentRow> list(String collectionName) {
    return documents.findByCollectionIdOrderBySourceId(collections.get(collectionName).id());
  }

  DocumentRow get(String collectionName, String documentId) {
    var collection = collections.get(collectionName);
    return parseId(documentId)
        .flatMap(id -> documents.findByIdAndCollectionId(id, collection.id()))
        .orElseThrow(() ->
            new NotFoundException(
                "document '"
                    + documentId
                    + "' does not exist in collection '"
                    + collectionName
                    + "'"));
  }

  void delete(String collectionName, String documentId) {
    var document = get(collectionName, documentId);
    documents.delete(document);
    chunks.deleteDocument(collectionName, document.id().toString());
  }

  /**
   * Deletes every document whose metadata matches {@code filter} (the search filter language);
   * returns how many. An empty filter is refused: delete the collection instead.
   */
  int deleteMatching(String collectionName, @Nullable Map<String, Object> filter) {
    var parsed = FilterSyntax.parse(filter);
    if (parsed.matchesEverything()) {
      throw new IllegalArgumentException(
          "filter is required and must not be empty; to delete every document, delete the"
              + " collection");
    }
    if (FilterMatcher.mentions(parsed, Filter.FLAGS)) {
      throw new IllegalArgumentException(
          "filter." + Filter.FLAGS + ": chunk scan flags cannot select documents to delete");
    }
    int deleted = 0;
    for (DocumentRow document : list(collectionName)) {
      if (FilterMatcher.matches(parsed, metadata(document))) {
        documents.delete(document);
        chunks.deleteDocument(collectionName, document.id().toString());
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Changes the document's metadata without parsing or embedding it again; searches see the new
   * metadata when this returns.
   */
  DocumentRow patch(String collectionName, String documentId, MetadataPatch patch) {
    var document = get(collectionName, documentId);
    var updated = documents.update(document.withMetadata(write(patch.applyTo(metadata(document)))));
    chunks.refresh(collectionName, document.id().toString());
    return updated;
  }

  Map<String, Object> metadata(DocumentRow document) {
    try {
      return json.readValue(document.metadata(), JSON_OBJECT);
    } catch (IOException e) {
      throw new NonRetriableException("stored metadata is not a JSON object", e);
    }
  }

  String write(Map<String, Object> metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (IOException e) {
      throw new IllegalArgumentException("metadata cannot be written as JSON: " + e.getMessage());
    }
  }

  DocumentView view(String collection, DocumentRow row) {
    return new DocumentView(
        row.id().toString(),
        collection,
        row.sourceId(),
        row.title(),
        row.contentType(),
        row.contentHash(),
        row.sizeBytes(),
        row.version(),
        row.status(),
        row.error(),
        row.chunkCount(),
        metadata(row),
        row.createdAt(),
        row.updatedAt());
  }

  static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
