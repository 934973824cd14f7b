package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Documents of a collection. Uploads come as multipart ({@code file} parts, optional {@code
 * sourceId}, {@code metadata}, {@code title}), as a raw body of any type, or as JSON with {@code
 * text} or {@code url}; each answers with the {@link Submission} job shape, several files with a
 * list of them.
 */
@Controller("/v1/collections/{name}/documents")
class DocumentController {

  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);
  private static final Pattern FILENAME =
      Pattern.compile("filename\\*?=\\s*(?:UTF-8'')?\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  private final Ingestor ingestor;
  private final Documents documents;
  private final UrlFetcher fetcher;
  private final DocumentSourceTable sources;
  private final JsonMapper json;

  DocumentController(
      Ingestor ingestor,
      Documents documents,
      UrlFetcher fetcher,
      DocumentSourceTable sources,
      JsonMapper json) {
    this.sources = sources;
    this.ingestor = ingestor;
    this.documents = documents;
    this.fetcher = fetcher;
    this.json = json;
  }

  /** One received multipart part, read into memory before the request's buffers are released. */
  private record ReceivedPart(String name, @Nullable String fileName, byte[] content) {}

  @Post(consumes = MediaType.MULTIPART_FORM_DATA)
  Publisher<HttpResponse<?>> upload(String name, @Body MultipartBody body) {
    // the request's trace context goes with the submission to the other thread, and from there
    // with the jobs it queues
    Context trace = Context.current();
    return Flux.from(body)
        .map(DocumentController::receive)
        .collectList()
        .publishOn(Schedulers.boundedElastic())
        .<HttpResponse<?>>map(trace.wrapFunction(parts -> submitParts(name, parts)))
        .flux();
  }

  private static ReceivedPart receive(CompletedPart part) {
    try {
      String fileName = part instanceof CompletedFileUpload file ? file.getFilename() : null;
      return new ReceivedPart(part.getName(), fileName, part.getBytes());
    } catch (IOException e) {
      throw new IllegalArgumentException("could not read part '" + part.getName() + "'");
    }
  }

  private HttpResponse<?> submitParts(String name, List<ReceivedPart> parts) {
    List<ReceivedPart> files = new ArrayList<>();
    String sourceId = null;
    String metadata = null;
    String title = null;
    for (ReceivedPart part : parts) {
      switch (part.name()) {
        case "file" -> files.add(part);
        case "sourceId" -> sourceId = text(part);
        case "metadata" -> metadata = text(part);
        case "title" -> title = text(part);
        default -> {
          // unknown parts are ignored, as form fields usually are
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a 'file' part is required");
    }
    if (files.size() > 1 && (sourceId != null || title != null)) {
      throw new IllegalArgumentException(
          "sourceId and title name one document; leave them out when uploading several files"
              + " (each file's name is its sourceId)");
    }
    String metadataJson = metadataJson(metadata);
    UUID batchId = files.size() > 1 ? UUID.randomUUID() : null;
    List<Submission> submissions = new ArrayList<>();
    for (ReceivedPart file : files) {
      submissions.add(
          ingestor.submit(
              name, file.fileName(), file.content(), sourceId, metadataJson, title, batchId));
    }
    if (batchId == null) {
      return HttpResponse.status(HttpStatus.ACCEPTED).body(submissions.get(0));
    }
    return HttpResponse.status(HttpStatus.ACCEPTED)
        .body(Map.of("batchId", batchId.toString(), "submissions", submissions));
  }

  private static String text(ReceivedPart part) {
    return new String(part.content(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Post(consumes = MediaType.APPLICATION_JSON)
  HttpResponse<Submission> submitJson(String name, @Body DocumentRequest request) {
    boolean hasText = request.text() != null;
    boolean hasUrl = request.url() != null;
    if (hasText == hasUrl) {
      throw new IllegalArgumentException("send exactly one of 'text' or 'url'");
    }
    String metadataJson =
        documents.write(request.metadata() == null ? Map.of() : request.metadata());
    Submission submission;
    if (hasText) {
      if (request.text().isBlank()) {
        throw new IllegalArgumentException("text must not be blank");
      }
      if (request.sourceId() == null || request.sourceId().isBlank()) {
        throw new IllegalArgumentException("sourceId is required with text");
      }
      submission =
          ingestor.submit(
              name,
              request.sourceId(),
              request.text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              request.sourceId(),
              metadataJson,
              request.title(),
              null);
    } else {
      var fetched = fetcher.fetch(request.url());
      submission =
          ingestor.submit(
              name,
              fetched.fileName(),
              fetched.content(),
              request.sourceId() == null ? request.url().strip() : request.sourceId(),
              metadataJson,
              request.title(),
              null);
      // the sources check fetches it again with these validators
      sources.record(
          UUID.fromString(submission.documentId()),
          request.url().strip(),
          fetched.etag(),
          fetched.lastModified());
    }
    return HttpResponse.status(HttpStatus.ACCEPTED).body(submission);
  }

  /**
   * A raw body of any type: {@code ?sourceId=} (or a {@code Content-Disposition} file name) names
   * it; {@code ?metadata=} is a JSON object, {@code ?title=} a title. The client's Content-Type is
   * not trusted: Tika detects the type from the bytes.
   */
  @Post(consumes = MediaType.ALL)
  HttpResponse<Submission> uploadRaw(
      String name,
      @Body byte[] content,
      @Nullable @QueryValue String sourceId,
      @Nullable @QueryValue String metadata,
      @Nullable @QueryValue String title,
      @Nullable @Header(HttpHeaders.CONTENT_DISPOSITION) String disposition) {
    String fileName = null;
    if (disposition != null) {
      var match = FILENAME.matcher(disposition);
      if (match.find()) {
        fileName = match.group(1).strip();
      }
    }
    if (fileName == null && sourceId != null) {
      fileName = sourceId.substring(sourceId.lastIndexOf('/') + 1);
    }
    var submission =
        ingestor.submit(
            name,
            fileName,
            content == null ? new byte[0] : content,
            sourceId,
            metadataJson(metadata),
            title,
            null);
    return HttpResponse.status(HttpStatus.ACCEPTED).body(submission);
  }

  @Get
  Map<String, List<DocumentView>> list(String name) {
    return Map.of(
        "documents", documents.list(name).stream().map(d -> documents.view(name, d)).toList());
  }

  @Get("/{documentId}")
  DocumentView get(String name, String documentId) {
    return documents.view(name, documents.get(name, documentId));
  }

  /** Changes the document's metadata (JSON Merge Patch of {@code metadata}); no re-embedding. */
  @Patch(uri = "/{documentId}", consumes = MediaType.APPLICATION_JSON)
  DocumentView patch(String name, String documentId, @Body MetadataPatch patch) {
    return documents.view(name, documents.patch(name, documentId, patch));
  }

  @Delete("/{documentId}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name, String documentId) {
    documents.delete(name, documentId);
  }

  /** Deletes the documents whose metadata matches {@code ?filter=} (URL-encoded JSON). */
  @Delete
  Map<String, Integer> deleteMatching(String name, @Nullable @QueryValue String filter) {
    if (filter == null || filter.isBlank()) {
      throw new IllegalArgumentException(
          "filter is required, e.g. ?filter={\"team\":\"docs\"} (URL-encoded)");
    }
    return Map.of("deleted", documents.deleteMatching(name, jsonObject(filter, "filter")));
  }

  /** Queues a failed document again from its kept upload. */
  @Post("/{documentId}:retry")
  HttpResponse<Submission> retry(String name, String documentId) {
    return HttpResponse.status(HttpStatus.ACCEPTED).body(ingestor.retry(name, documentId));
  }

  private String metadataJson(@Nullable String metadata) {
    if (metadata == null || metadata.isBlank()) {
      return "{}";
    }
    return documents.write(jsonObject(metadata, "metadata"));
  }

  private Map<String, Object> jsonObject(String text, String what) {
    try {
      var object = json.readValue(text, JSON_OBJECT);
      if (object == null) {
        throw new IllegalArgumentException(what + " must be a JSON object");
      }
      return object;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(what + " must be a JSON object, e.g. {\"team\":\"docs\"}");
    }
  }
}
