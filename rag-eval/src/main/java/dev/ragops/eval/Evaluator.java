package dev.ragops.eval;

import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;

/**
 * The evaluation command line, {@code ragops eval} and {@code ragops faithfulness}. Both talk to a
 * ragops server through its public HTTP API; the caller supplies a {@link ServerLauncher} that
 * starts one (the server module starts itself in embedded mode on a temporary data directory and an
 * ephemeral port). Exit codes: 0 success, 1 a spec check FAILed, 2 bad arguments or input files, 3
 * the run itself failed.
 */
public final class Evaluator {

  /** Exit code: the command ran and every spec check passed (OK or OKISH). */
  public static final int EXIT_OK = 0;

  /** Exit code: a spec check failed. */
  public static final int EXIT_FAIL = 1;

  /** Exit code: unknown arguments, or input files that are missing or malformed. */
  public static final int EXIT_USAGE = 2;

  /** Exit code: the server or the run failed. */
  public static final int EXIT_ERROR = 3;

  static final String USAGE =
      """
      Usage:
        ragops eval --dataset DIR [--modes keyword,vector,hybrid] [--spec FILE] [--out FILE]
                    [--depth N] [--runs DIR]
            Ingests a BEIR-layout dataset (corpus.jsonl, queries.jsonl, qrels/test.tsv) into a
            temporary collection, runs its queries in each mode and prints nDCG@10, recall@100,
            MRR@10 and MAP per mode. --spec checks the figures against a regression spec (exit 1
            on FAIL); --out writes them as JSON; --runs writes TREC run files; --depth sets how
            many documents per query are scored (default 100).
        ragops faithfulness --cases FILE [--judge offline|llm] [--out FILE]
            Judges labelled cases (JSONL: question, contexts, answer, faithful) and prints the
            judge's AUROC and balanced accuracy; --out writes them as JSON.
      """;

  /** Starts a ragops server for a command to talk to. */
  @FunctionalInterface
  public interface ServerLauncher {
    RunningServer launch();
  }

  /** A started server; closing it stops it and removes its data. */
  public interface RunningServer extends AutoCloseable {
    URI uri();

    @Override
    void close();
  }

  private Evaluator() {}

  /** Whether {@code arg} names a command of this CLI. */
  public static boolean isCommand(String arg) {
    return "eval".equals(arg) || "faithfulness".equals(arg);
  }

  /**
   * Runs a command: {@code args[0]} is {@code eval} or {@code faithfulness}, the rest its options.
   * Results go to {@code out}; progress, messages and usage to {@code err}.
   *
   * @return the exit code
   */
  public static int run(String[] args, ServerLauncher launcher, PrintStream out, PrintStream err) {
    if (args.length == 0 || !isCommand(args[0])) {
      err.print(USAGE);
      return EXIT_USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    boolean interactive = System.console() != null && err == System.err;
    try {
      return switch (args[0]) {
        case "eval" ->
            new EvalCommand(CommandLineArgs.parse(rest, EvalCommand.OPTIONS), out, err, interactive)
                .run(launcher);
        default ->
            new FaithfulnessCommand(
                    CommandLineArgs.parse(rest, FaithfulnessCommand.OPTIONS), out, err, interactive)
                .run(launcher);
      };
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      if (e instanceof CommandLineArgs.UsageException) {
        err.print(USAGE);
      }
      return EXIT_USAGE;
    } catch (RuntimeException e) {
      err.println("error: " + e);
      return EXIT_ERROR;
    }
  }
}
