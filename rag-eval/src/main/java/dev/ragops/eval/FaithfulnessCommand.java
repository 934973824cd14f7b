package dev.ragops.eval;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ragops faithfulness}: sends labelled cases to a running server's {@code /v1/faithfulness}
 * and reports how well the judge separates faithful from unfaithful answers: AUROC, and balanced
 * accuracy at the judge's own threshold.
 */
final class FaithfulnessCommand {

  static final Set<String> OPTIONS = Set.of("cases", "judge", "out");

  private final CommandLineArgs args;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  FaithfulnessCommand(CommandLineArgs args, PrintStream out, PrintStream err, boolean interactive) {
    this.args = args;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  int run(Evaluator.ServerLauncher launcher) {
    String judge = args.get("judge") == null ? "offline" : args.get("judge");
    if (!judge.equals(OfflineJudge.NAME) && !judge.equals(LlmJudge.NAME)) {
      throw new CommandLineArgs.UsageException(
          "--judge must be offline or llm, got '" + judge + "'");
    }
    List<FaithfulnessCase> cases = FaithfulnessCase.load(Path.of(args.require("cases")));
    boolean[] labels = new boolean[cases.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = cases.get(i).faithful();
    }
    double[] scores = new double[cases.size()];
    double threshold = Double.NaN;
    Map<String, Object> usage;
    try (Evaluator.RunningServer server = launcher.launch()) {
      var client = new RagopsClient(server.uri());
      var bar = new ProgressBar(err, "judge " + judge, cases.size(), interactive);
      for (int i = 0; i < cases.size(); i++) {
        FaithfulnessCase c = cases.get(i);
        RagopsClient.Judged judged =
            client.faithfulness(c.question(), c.answer(), c.contexts(), judge);
        scores[i] = judged.score();
        threshold = judged.threshold();
        bar.step();
      }
      bar.finish();
      usage = client.faithfulnessUsage();
    }
    double auroc = ClassifierMetrics.auroc(scores, labels);
    double balanced = ClassifierMetrics.balancedAccuracy(scores, labels, threshold);
    long faithful = cases.stream().filter(FaithfulnessCase::faithful).count();
    out.printf(
        Locale.ROOT,
        "cases              %d (%d faithful, %d not)%n",
        cases.size(),
        faithful,
        cases.size() - faithful);
    out.printf(Locale.ROOT, "judge              %s%n", judge);
    out.printf(Locale.ROOT, "AUROC              %.4f%n", auroc);
    out.printf(Locale.ROOT, "balanced accuracy  %.4f (threshold %.3f)%n", balanced, threshold);
    if (!usage.isEmpty()) {
      out.println("llm usage          " + usage);
    }
    if (args.get("out") != null) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("cases", cases.size());
      root.put("judge", judge);
      root.put("auroc", auroc);
      root.put("balancedAccuracy", balanced);
      root.put("threshold", threshold);
      if (!usage.isEmpty()) {
        root.put("usage", usage);
      }
      Path file = Path.of(args.get("out"));
      try {
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.write(file, JsonMapper.createDefault().writeValueAsBytes(root));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
    return Evaluator.EXIT_OK;
  }
}
