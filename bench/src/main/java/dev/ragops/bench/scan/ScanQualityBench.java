package dev.ragops.bench.scan;

import dev.ragops.bench.Results;
import dev.ragops.ingestion.ContentScanner;
import dev.ragops.ingestion.Finding;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Precision and recall of the ingest content scan on a labelled set built from real text: every
 * Cranfield abstract gets, by a seeded draw, one planted PII value (valid checksum), one planted
 * injection string, one look-alike (failed checksum, benign use of the trigger words) or nothing. A
 * document's labels are the flags planted into it; the scan's flags are compared per flag and per
 * category. Then the false-positive rate on the untouched corpus, which holds neither, and the
 * scan's speed against Lucene's StandardAnalyzer on the same text (the BM25 analysis every chunk
 * already goes through).
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:bench/target/lib/*" dev.ragops.bench.scan.ScanQualityBench [seed]
 * </pre>
 */
public final class ScanQualityBench {

  private static final Path CORPUS = Path.of("../shared/datasets/cranfield/corpus.jsonl");

  private ScanQualityBench() {}

  /** One labelled document. */
  record Labelled(String text, Set<String> labels) {}

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 20261204L;
    List<String> corpus = cranfield();
    var scanner = new ContentScanner();
    var labelled = plant(corpus, new Random(seed));

    Map<String, int[]> counts = new TreeMap<>(); // flag → {tp, fp, fn, labelled}
    for (var doc : labelled) {
      Set<String> found = flags(scanner.scan(doc.text()));
      Set<String> all = new TreeSet<>(found);
      all.addAll(doc.labels());
      all.addAll(categories(found));
      all.addAll(categories(doc.labels()));
      for (String flag : all) {
        boolean predicted = found.contains(flag) || categories(found).contains(flag);
        boolean actual = doc.labels().contains(flag) || categories(doc.labels()).contains(flag);
        int[] c = counts.computeIfAbsent(flag, f -> new int[4]);
        c[0] += predicted && actual ? 1 : 0;
        c[1] += predicted && !actual ? 1 : 0;
        c[2] += !predicted && actual ? 1 : 0;
        c[3] += actual ? 1 : 0;
      }
    }
    var table = new StringBuilder("| flag | labelled docs | TP | FP | FN | precision | recall |\n");
    table.append("|---|---|---|---|---|---|---|\n");
    counts.forEach((flag, c) ->
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d | %s | %s |%n",
                flag.contains(":") ? flag : "**" + flag + " (any)**",
                c[3],
                c[0],
                c[1],
                c[2],
                ratio(c[0], c[0] + c[1]),
                ratio(c[0], c[0] + c[2]))));

    Map<String, Integer> cleanFindings = new TreeMap<>();
    int flaggedDocs = 0;
    long characters = 0;
    for (String text : corpus) {
      characters += text.length();
      var found = flags(scanner.scan(text));
      flaggedDocs += found.isEmpty() ? 0 : 1;
      found.forEach(flag -> cleanFindings.merge(flag, 1, Integer::sum));
    }
    double scanSeconds = time(() -> corpus.forEach(scanner::scan));
    double analyzeSeconds = time(() -> corpus.forEach(ScanQualityBench::analyze));
    scanSeconds = Math.min(scanSeconds, time(() -> corpus.forEach(scanner::scan)));
    analyzeSeconds =
        Math.min(analyzeSeconds, time(() -> corpus.forEach(ScanQualityBench::analyze)));

    String body =
        Results.header(
                "java -cp \"bench/target/classes:bench/target/lib/*\""
                    + " dev.ragops.bench.scan.ScanQualityBench "
                    + seed)
            + "- Labelled set: the "
            + corpus.size()
            + " Cranfield abstracts; per document a seeded draw plants one PII value (valid"
            + " checksums; e-mail, phone, IBAN, card, SSN/DNI, IPv4/IPv6: 30%), one injection"
            + " string (25 attacks in three kinds, 2 of them paraphrases without trigger words,"
            + " or zero-width/tag characters: 30%), one look-alike (failed checksums, times,"
            + " decimals, benign 'ignore the previous', 'acts as', 'system response': 15%) or"
            + " nothing (25%), at a random sentence boundary. A document counts once per flag;"
            + " the bold rows score the category (any pii / any injection flag).\n"
            + "- Generators: `bench/src/main/java/dev/ragops/bench/scan/Planted*.java`; HTML"
            + " hidden text is tested in `ContentScannerTest` and the content scan ITs, not"
            + " here.\n"
            + "- Caveat: the planted attack strings and the patterns were written by the same"
            + " person, so these figures are an upper bound; attacks phrased unlike any pattern"
            + " (the two paraphrases here) are missed, and unseen attacks will lower recall.\n\n"
            + table
            + "\n"
            + String.format(
                Locale.ROOT,
                "**False positives on the untouched Cranfield corpus:** %d of %d documents"
                    + " (%.2f%%) get a flag%s.%n%n",
                flaggedDocs,
                corpus.size(),
                100.0 * flaggedDocs / corpus.size(),
                cleanFindings.isEmpty()
                    ? ""
                    : " ("
                        + cleanFindings.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", "))
                        + ")")
            + String.format(
                Locale.ROOT,
                "**Speed:** the scan reads %.1f MB of text per second, %.2f× the time Lucene's"
                    + " StandardAnalyzer takes over the same %.1f MB (best of two passes"
                    + " each).%n",
                characters / 1e6 / scanSeconds,
                scanSeconds / analyzeSeconds,
                characters / 1e6);
    System.out.println(body);
    Results.writeSection(Path.of("bench/RESULTS.md"), "Content scan (ingest guardrails)", body);
  }

  private static List<Labelled> plant(List<String> corpus, Random random) {
    var pii = new PlantedPii(random);
    var injections = new PlantedInjections(random);
    List<Labelled> labelled = new ArrayList<>();
    List<String> attackFlags = new ArrayList<>(PlantedInjections.ATTACKS.keySet());
    attackFlags.sort(String::compareTo);
    for (String text : corpus) {
      double draw = random.nextDouble();
      String planted;
      Set<String> labels = new TreeSet<>();
      if (draw < 0.30) {
        String flag = PlantedPii.KINDS.get(random.nextInt(PlantedPii.KINDS.size()));
        planted = pii.sentence(flag);
        labels.add(flag);
      } else if (draw < 0.60) {
        int kind = random.nextInt(attackFlags.size() + 1);
        if (kind == attackFlags.size()) {
          planted = injections.hidden();
          labels.add("injection:hidden-text");
        } else {
          var attacks = PlantedInjections.ATTACKS.get(attackFlags.get(kind));
          planted = attacks.get(random.nextInt(attacks.size()));
          labels.add(attackFlags.get(kind));
        }
      } else if (draw < 0.75) {
        planted =
            random.nextBoolean()
                ? pii.lookAlike()
                : PlantedInjections.LOOK_ALIKES.get(
                    random.nextInt(PlantedInjections.LOOK_ALIKES.size()));
      } else {
        planted = null;
      }
      labelled.add(new Labelled(planted == null ? text : insert(text, planted, random), labels));
    }
    return labelled;
  }

  /** {@code text} with {@code sentence} after a random one of its " . " boundaries. */
  private static String insert(String text, String sentence, Random random) {
    List<Integer> boundaries = new ArrayList<>();
    for (int at = text.indexOf(" . "); at >= 0; at = text.indexOf(" . ", at + 1)) {
      boundaries.add(at + 3);
    }
    int at =
        boundaries.isEmpty() ? text.length() : boundaries.get(random.nextInt(boundaries.size()));
    return text.substring(0, at) + sentence + " " + text.substring(at);
  }

  private static Set<String> flags(List<Finding> findings) {
    return findings.stream().map(Finding::flag).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> categories(Set<String> flags) {
    return flags.stream()
        .map(flag -> flag.substring(0, flag.indexOf(':')))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String ratio(int numerator, int denominator) {
    return denominator == 0
        ? "–"
        : String.format(Locale.ROOT, "%.3f", (double) numerator / denominator);
  }

  private static double time(Runnable run) {
    long start = System.nanoTime();
    run.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void analyze(String text) {
    try (var analyzer = new StandardAnalyzer();
        var tokens = analyzer.tokenStream("text", text)) {
      var term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        term.length();
      }
      tokens.end();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> cranfield() throws IOException {
    var json = JsonMapper.createDefault();
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS)) {
      if (!line.isBlank()) {
        Map<String, Object> doc = json.readValue(line, Map.class);
        texts.add(String.valueOf(doc.get("text")));
      }
    }
    return texts;
  }
}
