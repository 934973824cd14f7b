package dev.ragops.eval;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ragops eval}: ingests a BEIR dataset into a fresh collection of a running server, runs
 * every query in each mode, scores the runs and checks them against an optional spec.
 *
 * <p>Search results are chunks. Each query asks for {@code min(1000, 3 × depth)} chunks, collapses
 * them to documents by first occurrence ({@link Run#addChunks}) and keeps the first {@code depth}
 * documents (default 100), so recall@100 and MAP are computed on 100 documents per query.
 */
final class EvalCommand {

  static final Set<String> OPTIONS = Set.of("dataset", "modes", "spec", "out", "depth", "runs");

  /** Longest query text the search API takes. */
  private static final int MAX_QUERY = 4096;

  private static final long STALL_LIMIT_NANOS = 600_000_000_000L;

  private final CommandLineArgs args;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  EvalCommand(CommandLineArgs args, PrintStream out, PrintStream err, boolean interactive) {
    this.args = args;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  int run(Evaluator.ServerLauncher launcher) {
    BeirDataset dataset = BeirDataset.load(Path.of(args.require("dataset")));
    RegressionSpec spec =
        args.get("spec") == null ? null : RegressionSpec.load(Path.of(args.get("spec")));
    if (spec != null && spec.dataset() != null && !spec.dataset().equals(dataset.name())) {
      throw new IllegalArgumentException(
          "spec "
              + spec.name()
              + " is for dataset '"
              + spec.dataset()
              + "', not '"
              + dataset.name()
              + "'");
    }
    RegressionSpec.Settings settings = settings(spec);
    List<Metric> metrics =
        new ArrayList<>(
            new LinkedHashSet<>(
                concat(Metric.DEFAULTS, spec == null ? List.of() : spec.metrics())));
    Path runsDir = args.get("runs") == null ? null : Path.of(args.get("runs"));

    err.printf(
        Locale.ROOT,
        "dataset %s: %d documents, %d queries, %d with a relevant document in the qrels%n",
        dataset.name(),
        dataset.corpus().size(),
        dataset.queries().size(),
        dataset.qrels().queryIds().stream()
            .filter(q -> dataset.qrels().relevantCount(q) > 0)
            .count());
    Map<String, MetricsReport> reports = new LinkedHashMap<>();
    int notIndexed;
    try (Evaluator.RunningServer server = launcher.launch()) {
      var client = new RagopsClient(server.uri());
      String collection = "eval-" + Long.toString(System.nanoTime(), 36);
      client.createCollection(collection);
      notIndexed = ingest(client, collection, dataset);
      for (String mode : settings.modes()) {
        Run run = search(client, collection, dataset, mode, settings);
        reports.put(mode, MetricsReport.evaluate(dataset.qrels(), run, metrics));
        if (runsDir != null) {
          writeRun(runsDir.resolve(mode + ".run"), run, mode);
        }
      }
    }
    List<RegressionSpec.Check> checks = spec == null ? List.of() : spec.check(reports);
    out.print(MetricsTable.render(reports, metrics, checks));
    Verdict verdict = RegressionSpec.overall(checks);
    if (spec != null) {
      out.println("verdict: " + verdict + " (spec " + spec.name() + ")");
    }
    if (args.get("out") != null) {
      writeJson(Path.of(args.get("out")), dataset, notIndexed, reports, spec, checks, verdict);
    }
    return verdict == Verdict.FAIL ? Evaluator.EXIT_FAIL : Evaluator.EXIT_OK;
  }

  private RegressionSpec.Settings settings(RegressionSpec spec) {
    RegressionSpec.Settings settings =
        spec == null ? RegressionSpec.Settings.defaults() : spec.settings();
    if (args.get("modes") != null) {
      List<String> modes =
          Arrays.stream(args.get("modes").split(","))
              .map(String::strip)
              .filter(m -> !m.isEmpty())
              .toList();
      settings = settings.withModes(modes);
    }
    int depth = args.integer("depth", settings.depth());
    return new RegressionSpec.Settings(
        settings.modes(), depth, settings.rrfK(), settings.candidates());
  }

  /** Uploads every document with text and waits until each is indexed or failed. */
  private int ingest(RagopsClient client, String collection, BeirDataset dataset) {
    List<BeirDataset.Document> documents =
        dataset.corpus().stream().filter(d -> !d.content().isBlank()).toList();
    int skipped = dataset.corpus().size() - documents.size();
    if (skipped > 0) {
      err.printf(
          Locale.ROOT,
          "%d documents have no text and are not uploaded (they can never be retrieved)%n",
          skipped);
    }
    var upload = new ProgressBar(err, "upload", documents.size(), interactive);
    for (BeirDataset.Document doc : documents) {
      client.uploadText(collection, doc.id(), doc.content());
      upload.step();
    }
    upload.finish();
    var indexing = new ProgressBar(err, "index", documents.size(), interactive);
    int finished = 0;
    long lastProgress = System.nanoTime();
    List<RagopsClient.DocumentState> states = List.of();
    while (finished < documents.size()) {
      sleep(finished == 0 ? 500 : 1000);
      states = client.documents(collection);
      int now =
          (int)
              states.stream()
                  .filter(s -> s.status().equals("ready") || s.status().equals("failed"))
                  .count();
      if (now > finished) {
        finished = now;
        lastProgress = System.nanoTime();
        indexing.set(finished);
      } else if (System.nanoTime() - lastProgress > STALL_LIMIT_NANOS) {
        throw new IllegalStateException(
            "indexing made no progress for 10 minutes (" + finished + " documents done)");
      }
    }
    indexing.finish();
    List<RagopsClient.DocumentState> failed =
        states.stream().filter(s -> s.status().equals("failed")).toList();
    if (!failed.isEmpty()) {
      err.printf(
          Locale.ROOT,
          "%d documents failed to index and are missing from the runs, e.g. %s: %s%n",
          failed.size(),
          failed.get(0).sourceId(),
          failed.get(0).error());
    }
    return skipped + failed.size();
  }

  private Run search(
      RagopsClient client,
      String collection,
      BeirDataset dataset,
      String mode,
      RegressionSpec.Settings settings) {
    int chunks = Math.min(1000, settings.depth() * 3);
    Run run = new Run();
    var bar = new ProgressBar(err, "search " + mode, dataset.queries().size(), interactive);
    int skipped = 0;
    for (BeirDataset.Query query : dataset.queries()) {
      String text = query.text().strip();
      if (text.isEmpty()) {
        skipped++;
        run.add(query.id(), List.of());
      } else {
        text = text.length() > MAX_QUERY ? text.substring(0, MAX_QUERY) : text;
        var hits =
            client.search(collection, text, mode, chunks, settings.rrfK(), settings.candidates());
        run.addChunks(
            query.id(),
            hits.stream().map(RagopsClient.Hit::sourceId).toList(),
            hits.stream().map(RagopsClient.Hit::score).toList(),
            settings.depth());
      }
      bar.step();
    }
    bar.finish();
    if (skipped > 0) {
      err.println(skipped + " empty queries were not run and score 0");
    }
    return run;
  }

  private static void writeRun(Path file, Run run, String tag) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (var writer = Files.newBufferedWriter(file)) {
        run.writeTrec(writer, "ragops-" + tag);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writeJson(
      Path file,
      BeirDataset dataset,
      int notIndexed,
      Map<String, MetricsReport> reports,
      RegressionSpec spec,
      List<RegressionSpec.Check> checks,
      Verdict verdict) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("dataset", dataset.name());
    root.put("documents", dataset.corpus().size());
    root.put("documentsNotIndexed", notIndexed);
    root.put(
        "queries", reports.values().stream().findFirst().map(MetricsReport::queries).orElse(0));
    Map<String, Object> modes = new LinkedHashMap<>();
    reports.forEach((mode, report) -> {
      Map<String, Object> values = new LinkedHashMap<>();
      report.means().forEach((metric, value) -> values.put(metric.toString(), value));
      modes.put(mode, values);
    });
    root.put("modes", modes);
    if (spec != null) {
      root.put("spec", spec.name());
      root.put("verdict", verdict.name());
      root.put(
          "checks",
          checks.stream()
              .map(c -> {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("mode", c.mode());
                check.put("metric", c.metric().toString());
                check.put("actual", c.actual());
                check.put("expected", c.expected());
                check.put("tolerance", c.tolerance());
                check.put("verdict", c.verdict().name());
                return check;
              })
              .toList());
    }
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.write(file, JsonMapper.createDefault().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<Metric> concat(List<Metric> a, List<Metric> b) {
    List<Metric> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
