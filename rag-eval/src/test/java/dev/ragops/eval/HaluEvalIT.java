package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Calibrates the offline judge on halueval-qa and reports it beside two baselines, on held-out
 * data: the questions are split in two halves (seed 42); each half is scored by the model fitted on
 * the other half, and the figures pool both halves. It also refits on all questions and checks that
 * the result is the calibration {@link OfflineJudge} ships. The report goes to stdout and to {@code
 * target/halueval-report.md}.
 *
 * <p>Calibration data: for every question, the right answer rewritten as a sentence (positive) and
 * the hallucinated answer (negative), so that both sides are full sentences and length teaches the
 * model nothing.
 */
class HaluEvalIT {

  /** {@code shared/datasets} beside the repository (as in CI), or {@code -Dragops.datasets}. */
  static final Path CASES =
      Stream.of(
              System.getProperty("ragops.datasets", ""),
              "../../shared/datasets",
              "../shared/datasets",
              "/work/shared/datasets")
          .filter(dir -> !dir.isEmpty())
          .map(dir -> Path.of(dir, "halueval-qa", "cases.jsonl"))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElse(Path.of("shared/datasets/halueval-qa/cases.jsonl"));

  static final long SEED = 42;

  /** One question with its answers in three forms and their per-sentence features. */
  record Question(
      String key,
      FaithfulnessCase right,
      FaithfulnessCase rightSentence,
      FaithfulnessCase hallucinated,
      Map<String, List<SupportFeatures>> features) {}

  /** The right answer as a full sentence: {@code The answer to "<question>" is <answer>.} */
  static String asSentence(String question, String answer) {
    String q = question.strip().replaceAll("[?\\s]+$", "");
    String a = answer.strip().replaceAll("[.\\s]+$", "");
    return "The answer to \"" + q + "\" is " + a + ".";
  }

  @Test
  void calibratesAndReportsOnHeldOutQuestions() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(CASES), "halueval-qa not found: " + CASES);
    List<Question> questions = questions();
    System.out.println("[halueval] seed " + SEED + ", " + questions.size() + " questions");
    List<Question> shuffled = new ArrayList<>(questions);
    Collections.shuffle(shuffled, new Random(SEED));
    List<List<Question>> folds =
        List.of(
            shuffled.subList(0, shuffled.size() / 2),
            shuffled.subList(shuffled.size() / 2, shuffled.size()));

    Map<String, Double> heldOut = new LinkedHashMap<>();
    List<Calibration> foldModels = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      Calibration model = fit(folds.get(1 - f));
      foldModels.add(model);
      for (Question q : folds.get(f)) {
        for (var form : q.features().entrySet()) {
          heldOut.put(q.key() + "/" + form.getKey(), score(form.getValue(), model));
        }
      }
    }
    Calibration full = fit(questions);

    var report = new StringBuilder();
    report.append(
        "| set | faithful / not | shorter is better | word overlap | offline judge | judge balanced accuracy |\n");
    report.append("|---|---|---|---|---|---|\n");
    Set<String> hard = hardKeys(questions);
    Map<String, Double> rows = new LinkedHashMap<>();
    rows.put(
        "original answers",
        row(report, "original answers", questions, "right", q -> true, heldOut));
    rows.put(
        "right answers as sentences",
        row(
            report,
            "right answers rewritten as sentences",
            questions,
            "rightSentence",
            q -> true,
            heldOut));
    rows.put(
        "hard vs short",
        row(
            report,
            "hard: hallucinated, every word in the context, vs right answers",
            questions,
            "right",
            q -> hard.contains(q.key()),
            heldOut));
    rows.put(
        "hard vs sentences",
        row(
            report,
            "hard vs right answers as sentences",
            questions,
            "rightSentence",
            q -> hard.contains(q.key()),
            heldOut));
    double shortMean =
        questions.stream()
            .mapToDouble(q -> heldOut.get(q.key() + "/right"))
            .average()
            .orElseThrow();
    double sentenceMean =
        questions.stream()
            .mapToDouble(q -> heldOut.get(q.key() + "/rightSentence"))
            .average()
            .orElseThrow();
    report.append(
        String.format(
            Locale.ROOT,
            "%nMean judge score of the right answers: short span %.3f, same answer as a sentence %.3f.%n",
            shortMean,
            sentenceMean));
    report.append(
        "Fold models: "
            + foldModels
            + "\nFull fit: "
            + full
            + "\nShipped: "
            + OfflineJudge.CALIBRATION
            + "\n");
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/halueval-report.md"), report.toString());

    assertThat(rows.get("original answers")).isGreaterThan(0.8);
    assertThat(rows.get("right answers as sentences")).isGreaterThan(0.8);
    assertThat(Math.abs(sentenceMean - shortMean))
        .as("length must not move the score")
        .isLessThan(0.05);
    for (int i = 0; i < 3; i++) {
      assertThat(full.weights()[i])
          .as("shipped weight %d", i)
          .isCloseTo(
              OfflineJudge.CALIBRATION.weights()[i], org.assertj.core.data.Offset.offset(0.05));
    }
    assertThat(full.bias())
        .isCloseTo(OfflineJudge.CALIBRATION.bias(), org.assertj.core.data.Offset.offset(0.05));
  }

  private interface QuestionFilter {
    boolean test(Question q);
  }

  /** Appends one table row; returns the judge's AUROC. */
  private static double row(
      StringBuilder out,
      String label,
      List<Question> questions,
      String positiveForm,
      QuestionFilter negatives,
      Map<String, Double> heldOut) {
    List<FaithfulnessCase> cases = new ArrayList<>();
    List<Double> judge = new ArrayList<>();
    for (Question q : questions) {
      cases.add(positiveForm.equals("right") ? q.right() : q.rightSentence());
      judge.add(heldOut.get(q.key() + "/" + positiveForm));
    }
    int negativesCount = 0;
    for (Question q : questions) {
      if (negatives.test(q)) {
        cases.add(q.hallucinated());
        judge.add(heldOut.get(q.key() + "/hallucinated"));
        negativesCount++;
      }
    }
    boolean[] labels = new boolean[cases.size()];
    double[] shorter = new double[cases.size()];
    double[] overlap = new double[cases.size()];
    double[] judged = new double[cases.size()];
    for (int i = 0; i < cases.size(); i++) {
      labels[i] = cases.get(i).faithful();
      shorter[i] = -cases.get(i).answer().length();
      overlap[i] = wordOverlap(cases.get(i));
      judged[i] = judge.get(i);
    }
    double auroc = ClassifierMetrics.auroc(judged, labels);
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d / %d | %.3f | %.3f | **%.3f** | %.3f |%n",
            label,
            questions.size(),
            negativesCount,
            ClassifierMetrics.auroc(shorter, labels),
            ClassifierMetrics.auroc(overlap, labels),
            auroc,
            ClassifierMetrics.balancedAccuracy(
                judged, labels, OfflineJudge.CALIBRATION.threshold())));
    return auroc;
  }

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  /**
   * The baseline: the share of the answer's words (lower case, as written) found in the contexts.
   */
  static double wordOverlap(FaithfulnessCase c) {
    Set<String> context = new HashSet<>(words(String.join(" ", c.contexts())));
    List<String> answer = words(c.answer());
    return answer.isEmpty()
        ? 0
        : (double) answer.stream().filter(context::contains).count() / answer.size();
  }

  private static Set<String> hardKeys(List<Question> questions) {
    Set<String> hard = new HashSet<>();
    for (Question q : questions) {
      if (wordOverlap(q.hallucinated()) == 1.0) {
        hard.add(q.key());
      }
    }
    return hard;
  }

  /** Fits on the sentence-form right answers and the hallucinated answers of {@code questions}. */
  static Calibration fit(List<Question> questions) {
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (Question q : questions) {
      for (String form : List.of("rightSentence", "hallucinated")) {
        for (SupportFeatures f : q.features().get(form)) {
          x.add(f.vector());
          y.add(form.equals("rightSentence"));
        }
      }
    }
    return Calibration.fit(x, y, 0.5);
  }

  static double score(List<SupportFeatures> sentences, Calibration model) {
    List<Judgement.Sentence> judged = new ArrayList<>();
    for (SupportFeatures f : sentences) {
      double p = model.probability(f.vector());
      judged.add(new Judgement.Sentence("", p, p >= model.threshold()));
    }
    return OfflineJudge.aggregate(judged);
  }

  static List<Question> questions() {
    var embedder = new CachingEmbedder(RealEmbedder.get());
    Map<String, List<FaithfulnessCase>> byQuestion = new LinkedHashMap<>();
    for (FaithfulnessCase c : FaithfulnessCase.load(CASES)) {
      byQuestion
          .computeIfAbsent(c.question() + "\u0000" + c.contexts(), k -> new ArrayList<>())
          .add(c);
    }
    List<Question> questions = new ArrayList<>();
    for (List<FaithfulnessCase> pair : byQuestion.values()) {
      FaithfulnessCase right =
          pair.stream().filter(FaithfulnessCase::faithful).findFirst().orElseThrow();
      FaithfulnessCase wrong = pair.stream().filter(c -> !c.faithful()).findFirst().orElseThrow();
      FaithfulnessCase sentence = right.withAnswer(asSentence(right.question(), right.answer()));
      Map<String, List<SupportFeatures>> features = new LinkedHashMap<>();
      for (var form :
          Map.of("right", right, "rightSentence", sentence, "hallucinated", wrong).entrySet()) {
        var c = form.getValue();
        features.put(
            form.getKey(),
            SupportFeatures.of(
                c.question(), OfflineJudge.sentences(c.answer()), c.contexts(), embedder));
      }
      questions.add(
          new Question(right.id().replaceAll("-.*", ""), right, sentence, wrong, features));
    }
    return questions;
  }

  static String describe(double[] v) {
    return Arrays.toString(v);
  }
}
