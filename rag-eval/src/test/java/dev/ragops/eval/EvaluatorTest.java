package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's argument handling; runs that need a server are covered by the server module's ITs. */
class EvaluatorTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Evaluator.run(
        args,
        () -> fail("no server may start for a bad command line"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownOptionPrintsUsageAndExitsWithTwo() {
    assertThat(run("eval", "--dataset", "x", "--colour", "red")).isEqualTo(Evaluator.EXIT_USAGE);
    assertThat(err()).contains("unknown option --colour").contains("Usage:");
  }

  @Test
  void strayArgumentsAndMissingValuesAreUsageErrors() {
    assertThat(run("eval", "cranfield")).isEqualTo(2);
    assertThat(run("eval", "--dataset")).isEqualTo(2);
    assertThat(run("eval", "--dataset", "a", "--dataset", "b")).isEqualTo(2);
    assertThat(run("faithfulness")).isEqualTo(2);
    assertThat(err()).contains("--cases is required");
  }

  @Test
  void unknownCommandPrintsUsage() {
    assertThat(run("evaluate")).isEqualTo(2);
    assertThat(err()).startsWith("Usage:");
  }

  @Test
  void missingInputsFailBeforeAnyServerStarts() {
    assertThat(run("eval", "--dataset", "/nonexistent/beir")).isEqualTo(2);
    assertThat(err()).contains("/nonexistent/beir is not a directory");
    assertThat(run("faithfulness", "--cases", "/nonexistent.jsonl")).isEqualTo(2);
    assertThat(run("faithfulness", "--cases", "x", "--judge", "oracle")).isEqualTo(2);
    assertThat(err()).contains("--judge must be offline or llm");
  }

  @Test
  void recognisesItsCommands() {
    assertThat(Evaluator.isCommand("eval")).isTrue();
    assertThat(Evaluator.isCommand("faithfulness")).isTrue();
    assertThat(Evaluator.isCommand("--micronaut.server.port=9090")).isFalse();
  }
}
