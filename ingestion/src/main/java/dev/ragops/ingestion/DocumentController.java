package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

@Controller("/v1/collections/{name}/documents")
class DocumentController {

  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final Ingestor ingestor;
  private final JsonMapper json;

  DocumentController(Ingestor ingestor, JsonMapper json) {
    this.ingestor = ingestor;
    this.json = json;
  }

  @Post(consumes = MediaType.MULTIPART_FORM_DATA)
  HttpResponse<Submission> upload(
      String name,
      @Part("file") CompletedFileUpload file,
      @Nullable @Part("sourceId") String sourceId,
      @Nullable @Part("metadata") String metadata)
      throws IOException {
    var submission =
        ingestor.submit(
            name, file.getFilename(), file.getBytes(), sourceId, metadataJson(metadata));
    return HttpResponse.status(HttpStatus.ACCEPTED).body(submission);
  }

  @Get
  Map<String, List<DocumentView>> list(String name) {
    return Map.of("documents", ingestor.documents(name).stream().map(d -> view(name, d)).toList());
  }

  @Get("/{documentId}")
  DocumentView get(String name, String documentId) {
    return view(name, ingestor.document(name, documentId));
  }

  @Delete("/{documentId}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name, String documentId) {
    ingestor.deleteDocument(name, documentId);
  }

  private String metadataJson(@Nullable String metadata) {
    if (metadata == null || metadata.isBlank()) {
      return "{}";
    }
    try {
      return json.writeValueAsString(json.readValue(metadata, JSON_OBJECT));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "metadata must be a JSON object, e.g. {\"team\":\"docs\"}");
    }
  }

  private DocumentView view(String collection, DocumentRow row) {
    Map<String, Object> metadata;
    try {
      metadata = json.readValue(row.metadata(), JSON_OBJECT);
    } catch (IOException e) {
      metadata = Map.of();
    }
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
        metadata,
        row.createdAt(),
        row.updatedAt());
  }
}
