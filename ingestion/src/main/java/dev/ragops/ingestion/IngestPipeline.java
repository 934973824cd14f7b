package dev.ragops.ingestion;

import dev.ragops.model.Chunk;
import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Embedder;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.Stage;
import dev.ragops.model.Tokenizer;
import dev.ragops.model.Traceparent;
import dev.ragops.model.TransientFailure;
import dev.ragops.model.UsageLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one job's upload through the stages parse, chunk, embed and index, recording each stage on
 * the document and the job. A failure marks both failed with the stage and the reason.
 *
 * <p>Running a job again (its worker died, or the database went away mid-job) is safe: a job that
 * has ended does nothing, and the chunks are written, the document marked ready and the job marked
 * succeeded in one transaction that replaces every chunk of the document. That transaction holds
 * the document's row lock and checks the job's document version under it, so a job of an older
 * version never replaces a newer version's chunks. Transient failures (see {@link
 * TransientFailure}) are thrown to the job engine, which runs the job again.
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
  private final Tokenizer tokenizer;
  private final UsageLedger usage;
  private final ChunkWriter writer;
  private final JsonMapper json;
  private final DocumentTexts texts;
  private final Generations generations;
  private final TransactionOperations<Connection> transactions;
  private final int embedBatch;
  private final IngestStages stages;

  IngestPipeline(
      JobRepository jobs,
      DocumentRepository documents,
      UploadRepository uploads,
      CollectionRepository collections,
      TikaExtractor extractor,
      Collections collectionSettings,
      ContentScanner scanner,
      Tokenizer tokenizer,
      UsageLedger usage,
      ChunkWriter writer,
      JsonMapper json,
      DocumentTexts texts,
      Generations generations,
      TransactionOperations<Connection> transactions,
      @Nullable MeterRegistry meters,
      @Nullable OpenTelemetry telemetry,
      @Value("${ragops.ingest.embed-batch:64}") int embedBatch) {
    this.jobs = jobs;
    this.documents = documents;
    this.uploads = uploads;
    this.collections = collections;
    this.extractor = extractor;
    this.collectionSettings = collectionSettings;
    this.scanner = scanner;
    this.tokenizer = tokenizer;
    this.usage = usage;
    this.writer = writer;
    this.json = json;
    this.texts = texts;
    this.generations = generations;
    this.transactions = transactions;
    this.embedBatch = embedBatch;
    this.stages =
        new IngestStages(
            meters == null ? new SimpleMeterRegistry() : meters,
            telemetry == null ? OpenTelemetry.noop() : telemetry);
  }

  void run(UUID jobId) {
    var job = jobs.findById(jobId).orElse(null);
    if (job == null || job.finished()) {
      return; // deleted with its document, or a second run of a job that ended
    }
    // the job's span continues the trace of the request that queued it, wherever it runs
    stages.job.record(
        Traceparent.parent(job.traceparent()),
        span -> {
          span.setAttribute("ragops.job.id", jobId.toString());
          span.setAttribute("ragops.document.id", job.documentId().toString());
          run(job, span);
          return null;
        });
  }

  private void run(JobRow job, Span jobSpan) {
    UUID jobId = job.id();
    var document = documents.findById(job.documentId()).orElse(null);
    if (document == null) {
      jobs.fail(jobId, job.stage(), "the document was deleted before its job ran", Instant.now());
      return;
    }
    int version = job.documentVersion() != null ? job.documentVersion() : document.version();
    if (document.version() != version) {
      supersede(job, document.version());
      return;
    }
    var upload = uploads.findById(jobId).orElse(null);
    if (upload == null) {
      jobs.fail(jobId, job.stage(), "the upload of this job is no longer kept", Instant.now());
      return;
    }
    String stage = DocumentStatus.PARSING;
    ScanMode scanMode = ScanMode.OFF;
    try {
      enter(job, version, stage, 0, 0);
      var parsed =
          stages.parse.record(span -> {
            span.setAttribute("ragops.document.bytes", upload.content().length);
            var text = extractor.extract(upload.content(), upload.fileName());
            span.setAttribute("ragops.document.content_type", String.valueOf(text.contentType()));
            span.setAttribute("ragops.document.chars", text.text().length());
            return text;
          });
      String parsedTitle = upload.title() != null ? upload.title() : parsed.title();

      stage = DocumentStatus.CHUNKING;
      enter(job, version, stage, 0, 0);
      var collectionRow = collections.findById(document.collectionId()).orElseThrow();
      jobSpan.setAttribute("ragops.collection", collectionRow.name());
      var chunker = collectionSettings.chunker(collectionRow);
      scanMode = collectionSettings.scanMode(collectionRow);
      var mode = scanMode;
      var spans =
          stages.chunk.record(span -> {
            var chunked = chunker.chunk(parsed.text(), parsed.structure());
            span.setAttribute("ragops.chunks", chunked.size());
            return chunked;
          });
      var scanned =
          stages.scan.record(span -> {
            span.setAttribute("ragops.scan.mode", mode.name().toLowerCase(Locale.ROOT));
            return scanner.apply(mode, parsed, upload.content(), spans, parsedTitle);
          });
      var extracted = scanned.extracted();
      String title = scanned.title();
      if (scanMode != ScanMode.REDACT) {
        // kept so a reindex can chunk this version again after the upload is dropped; a redacting
        // collection keeps no full text (it would hold the originals), so its reindexes reuse or
        // re-embed the stored, redacted chunks and never re-chunk
        texts.save(
            document.id(),
            version,
            new ExtractedText(
                extracted.text(),
                title,
                extracted.contentType(),
                extracted.metadata(),
                extracted.structure()),
            extractor.parserVersion());
      }

      stage = DocumentStatus.EMBEDDING;
      enter(job, version, stage, 0, spans.size());
      String collection = collectionRow.name();
      int generation = collectionRow.activeGeneration();
      Embedder model = generations.embedder(collectionRow);
      var fingerprint =
          new Fingerprint(
              extractor.parserVersion(),
              chunker.settingsHash(),
              model.modelId(),
              model.dimension());
      Map<String, Object> metadata = metadata(document, extracted);
      List<IndexedChunk> indexed = new ArrayList<>(spans.size());
      var counted = new IngestUsage(tokenizer);
      for (int from = 0; from < spans.size(); from += embedBatch) {
        var batch = spans.subList(from, Math.min(from + embedBatch, spans.size()));
        var texts = scanned.texts().subList(from, from + batch.size());
        var vectors =
            stages.embed.record(span -> {
              span.setAttribute("ragops.embedding.model", model.modelId());
              span.setAttribute("ragops.embedding.batch", texts.size());
              return counted.embed(model, texts);
            });
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
                  version,
                  generation,
                  null,
                  scanned.flags().get(from + i));
          indexed.add(new IndexedChunk(chunk, vectors.get(i)));
        }
        jobs.progress(jobId, JobRow.RUNNING, stage, indexed.size(), spans.size(), Instant.now());
      }

      stage = DocumentStatus.INDEXING;
      enter(job, version, stage, indexed.size(), spans.size());
      Integer current =
          stages.write.record(span -> {
            span.setAttribute("ragops.chunks", indexed.size());
            return transactions.executeWrite(status -> {
              Integer locked = documents.lockVersion(document.id()).orElse(null);
              if (locked == null || locked != version) {
                return locked;
              }
              writer.replace(
                  collection, document.id().toString(), generation, fingerprint, indexed);
              var latest = documents.findById(document.id()).orElseThrow();
              documents.update(
                  latest.ready(
                      title,
                      extracted.contentType(),
                      indexed.size(),
                      json(metadata(latest, extracted))));
              jobs.progress(
                  jobId,
                  JobRow.SUCCEEDED,
                  DocumentStatus.READY,
                  indexed.size(),
                  spans.size(),
                  Instant.now());
              uploads.deleteById(jobId);
              return locked;
            });
          });
      if (current == null) {
        jobs.fail(jobId, stage, "the document was deleted while its job ran", Instant.now());
      } else if (current != version) {
        supersede(job, current);
      } else {
        jobSpan.setAttribute("ragops.chunks", indexed.size());
        usage.record(counted.event(collection, jobId.toString(), model.modelId(), indexed.size()));
        // the other live generations (one being built, the one kept for a rollback) get it too
        generations.mirror(collectionRow, document.id(), generation, fingerprint, indexed.size());
        LOG.info(
            "Ingested document {} version {} ({} chunks, {})",
            document.id(),
            version,
            indexed.size(),
            extracted.contentType());
      }
      logBatch(job);
    } catch (RuntimeException e) {
      if (transientFailure(e)) {
        LOG.warn(
            "Ingest job {} interrupted at {}, it will run again: {}", jobId, stage, e.toString());
        throw e;
      }
      String reason = e instanceof NonRetriableException ? e.getMessage() : stage + " failed: " + e;
      LOG.warn("Ingest job {} failed at {}: {}", jobId, stage, reason);
      // the reason can quote the document, so the span names only the stage and the error's type
      Stage.failed(jobSpan, e);
      jobSpan.setAttribute("ragops.job.failed_stage", stage);
      documents.stage(document.id(), version, DocumentStatus.FAILED, reason, Instant.now());
      jobs.fail(jobId, stage, reason, Instant.now());
      if (scanMode == ScanMode.REDACT || scanMode == ScanMode.REJECT) {
        uploads.deleteById(jobId); // the unredacted original is never kept
      }
      logBatch(job);
    }
  }

  /** Logs how far the job's upload request has got, when it brought several documents. */
  private void logBatch(JobRow job) {
    if (job.batchId() != null) {
      var batch = jobs.batchProgress(job.batchId());
      LOG.info(
          "Batch {}: {}/{} documents done ({} failed), {}/{} chunks",
          job.batchId(),
          batch.documentsDone(),
          batch.documentsTotal(),
          batch.documentsFailed(),
          batch.chunksDone(),
          batch.chunksTotal());
    }
  }

  /** A failure that says nothing about the document: the job engine runs the job again. */
  private static boolean transientFailure(RuntimeException e) {
    return e instanceof ConnectionException
        || e instanceof CannotGetJdbcConnectionException
        || TransientFailure.isTransient(e);
  }

  /** Ends a job whose document has a newer version since: that version's job indexes it. */
  private void supersede(JobRow job, int newer) {
    jobs.fail(
        job.id(),
        job.stage(),
        "superseded by version " + newer + " of the document, which its own job indexes",
        Instant.now());
    uploads.deleteById(job.id());
    LOG.info("Ingest job {} superseded by document version {}", job.id(), newer);
  }

  /** Records a new stage on the document and the job, in one transaction (one commit). */
  private void enter(JobRow job, int version, String stage, int done, int total) {
    transactions.executeWrite(status -> {
      var now = Instant.now();
      documents.stage(job.documentId(), version, stage, null, now);
      jobs.progress(job.id(), JobRow.RUNNING, stage, done, total, now);
      return null;
    });
  }

  private String json(Map<String, Object> metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (IOException e) {
      throw new NonRetriableException("document metadata cannot be written as JSON", e);
    }
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
