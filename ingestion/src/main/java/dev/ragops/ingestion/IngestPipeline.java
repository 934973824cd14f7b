package dev.ragops.ingestion;

import dev.ragops.model.Chunk;
import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Embedder;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.Tokenizer;
import dev.ragops.model.UsageLedger;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one job's upload through the stages parse, chunk, embed and index, recording each stage on
 * the document and the job. A failure marks both failed with the stage and the reason.
 */
@Singleton
final class IngestPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final JobRepository jobs;
  private final DocumentRepository documents;
  private final UploadRepository uploads;
  private final CollectionRepository collections;
  private final TikaExtractor extractor;
  private final Collections collectionSettings;
  private final ContentScanner scanner;
  private final Embedder embedder;
  private final Tokenizer tokenizer;
  private final UsageLedger usage;
  private final ChunkWriter writer;
  private final JsonMapper json;
  private final int embedBatch;

  IngestPipeline(
      JobRepository jobs,
      DocumentRepository documents,
      UploadRepository uploads,
      CollectionRepository collections,
      TikaExtractor extractor,
      Collections collectionSettings,
      ContentScanner scanner,
      Embedder embedder,
      Tokenizer tokenizer,
      UsageLedger usage,
      ChunkWriter writer,
      JsonMapper json,
      @Value("${ragops.ingest.embed-batch:64}") int embedBatch) {
    this.jobs = jobs;
    this.documents = documents;
    this.uploads = uploads;
    this.collections = collections;
    this.extractor = extractor;
    this.collectionSettings = collectionSettings;
    this.scanner = scanner;
    this.embedder = embedder;
    this.tokenizer = tokenizer;
    this.usage = usage;
    this.writer = writer;
    this.json = json;
    this.embedBatch = embedBatch;
  }

  void run(UUID jobId) {
    var job = jobs.findById(jobId).orElse(null);
    if (job == null
        || job.status().equals(JobRow.SUCCEEDED)
        || job.status().equals(JobRow.FAILED)) {
      return;
    }
    var document = documents.findById(job.documentId()).orElse(null);
    var upload = uploads.findById(jobId).orElse(null);
    if (document == null || upload == null) {
      jobs.update(job.failed(job.stage(), "the document was deleted before its job ran"));
      return;
    }
    String stage = DocumentStatus.PARSING;
    ScanMode scanMode = ScanMode.OFF;
    try {
      job = advance(job, document, stage, 0, 0);
      var parsed = extractor.extract(upload.content(), upload.fileName());

      String title = upload.title() != null ? upload.title() : parsed.title();

      stage = DocumentStatus.CHUNKING;
      job = advance(job, document, stage, 0, 0);
      var collectionRow = collections.findById(document.collectionId()).orElseThrow();
      var chunker = collectionSettings.chunker(collectionRow);
      var spans = chunker.chunk(parsed.text(), parsed.structure());
      scanMode = collectionSettings.scanMode(collectionRow);
      var scanned = scanner.apply(scanMode, parsed, upload.content(), spans, title);
      var extracted = scanned.extracted();
      title = scanned.title();

      stage = DocumentStatus.EMBEDDING;
      job = advance(job, document, stage, 0, spans.size());
      var collection = collectionRow.name();
      int generation = collectionRow.activeGeneration();
      var fingerprint =
          new Fingerprint(
              extractor.parserVersion(),
              chunker.settingsHash(),
              embedder.modelId(),
              embedder.dimension());
      Map<String, Object> metadata = metadata(document, extracted);
      List<IndexedChunk> indexed = new ArrayList<>(spans.size());
      var counted = new IngestUsage(tokenizer);
      for (int from = 0; from < spans.size(); from += embedBatch) {
        var batch = spans.subList(from, Math.min(from + embedBatch, spans.size()));
        var vectors = counted.embed(embedder, scanned.texts().subList(from, from + batch.size()));
        for (int i = 0; i < batch.size(); i++) {
          var span = batch.get(i);
          var chunk =
              new Chunk(
                  UUID.randomUUID().toString(),
                  document.id().toString(),
                  collection,
                  document.sourceId(),
                  title,
                  from + i,
                  scanned.texts().get(from + i),
                  span.start(),
                  span.end(),
                  metadata,
                  extracted.structure().headingPathAt(span.start()),
                  extracted.structure().pageAt(span.start()),
                  document.version(),
                  generation,
                  null,
                  scanned.flags().get(from + i));
          indexed.add(new IndexedChunk(chunk, vectors.get(i)));
        }
        job = jobs.update(job.at(JobRow.RUNNING, stage, indexed.size(), spans.size()));
      }

      stage = DocumentStatus.INDEXING;
      job = advance(job, document, stage, indexed.size(), spans.size());
      writer.replace(collection, document.id().toString(), generation, fingerprint, indexed);

      var latest = current(document);
      documents.update(
          latest.ready(
              title, extracted.contentType(), indexed.size(), json(metadata(latest, extracted))));
      jobs.update(job.at(JobRow.SUCCEEDED, DocumentStatus.READY, indexed.size(), spans.size()));
      uploads.deleteById(jobId);
      usage.record(counted.event(collection, jobId.toString(), embedder.modelId(), indexed.size()));
      LOG.info(
          "Ingested document {} ({} chunks, {})",
          document.id(),
          indexed.size(),
          extracted.contentType());
    } catch (RuntimeException e) {
      String reason = e instanceof NonRetriableException ? e.getMessage() : stage + " failed: " + e;
      LOG.warn("Ingest job {} failed at {}: {}", jobId, stage, reason);
      documents.update(current(document).withStatus(DocumentStatus.FAILED, reason));
      jobs.update(job.failed(stage, reason));
      if (scanMode == ScanMode.REDACT || scanMode == ScanMode.REJECT) {
        uploads.deleteById(jobId); // the unredacted original is never kept
      }
    }
  }

  private String json(Map<String, Object> metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (IOException e) {
      throw new NonRetriableException("document metadata cannot be written as JSON", e);
    }
  }

  private JobRow advance(JobRow job, DocumentRow document, String stage, int done, int total) {
    documents.update(current(document).withStatus(stage, null));
    return jobs.update(job.at(JobRow.RUNNING, stage, done, total));
  }

  /** The document as stored now: a newer upload may have changed it while this job ran. */
  private DocumentRow current(DocumentRow document) {
    return documents.findById(document.id()).orElse(document);
  }

  private Map<String, Object> metadata(DocumentRow document, ExtractedText extracted) {
    try {
      Map<String, Object> user =
          json.readValue(document.metadata(), Argument.mapOf(String.class, Object.class));
      Map<String, Object> merged = new LinkedHashMap<>(extracted.metadata());
      merged.putAll(user);
      if (extracted.contentType() != null) {
        merged.putIfAbsent("contentType", extracted.contentType());
      }
      return merged;
    } catch (IOException e) {
      throw new NonRetriableException("stored metadata is not a JSON object", e);
    }
  }
}
