package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code eval} and {@code faithfulness} commands, run in-process through the jar's entry point
 * on small fixtures: a 21-document BEIR-layout dataset (one without text) ({@code beir-mini}) and
 * six labelled faithfulness cases. Each run starts its own embedded server and stops it again.
 */
class EvalCliIT {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Application.runCommand(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path resource(String name) {
    try {
      return Path.of(EvalCliIT.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(Path file) throws IOException {
    return JsonMapper.createDefault().readValue(Files.readAllBytes(file), JsonNode.class);
  }

  private Path spec(String yaml) throws IOException {
    Path file = tmp.resolve("spec-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void evalScoresEveryModeWritesJsonAndTrecRunsAndPassesItsSpec() throws IOException {
    Path result = tmp.resolve("out/mini.json");
    Path spec =
        spec(
            """
            dataset: beir-mini
            expected:
              keyword: {ndcg@10: 0.95, mrr@10: 1.0}
              vector: {ndcg@10: 0.95, mrr@10: 1.0}
              hybrid: {ndcg@10: 0.95, recall@100: 1.0}
            tolerance: {ndcg@10: 0.05, mrr@10: 0.05, recall@100: 0.01}
            """);

    int code =
        run(
            "eval",
            "--dataset",
            resource("beir-mini").toString(),
            "--spec",
            spec.toString(),
            "--out",
            result.toString(),
            "--runs",
            tmp.resolve("runs").toString());

    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as("stdout:%n%s%nstderr:%n%s", stdout, err).isZero();
    assertThat(stdout).contains("ndcg@10").contains("keyword").contains("verdict: OK");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("index").contains("search hybrid");

    JsonNode json = json(result);
    assertThat(json.get("dataset").getStringValue()).isEqualTo("beir-mini");
    assertThat(json.get("documents").getIntValue()).isEqualTo(21);
    assertThat(json.get("documentsNotIndexed").getIntValue()).as("one has no text").isEqualTo(1);
    assertThat(json.get("queries").getIntValue()).as("q6 has no relevant document").isEqualTo(5);
    assertThat(json.get("verdict").getStringValue()).isIn("OK", "OKISH");
    for (String mode : List.of("keyword", "vector", "hybrid")) {
      JsonNode metrics = json.get("modes").get(mode);
      for (String metric : List.of("ndcg@10", "recall@100", "mrr@10", "map")) {
        assertThat(metrics.get(metric).getDoubleValue())
            .as("%s %s", mode, metric)
            .isBetween(0.5, 1.0);
      }
    }
    List<String> run = Files.readAllLines(tmp.resolve("runs/hybrid.run"));
    assertThat(run)
        .isNotEmpty()
        .allMatch(line -> line.matches("q\\d \\S+ \\S+ \\d+ \\S+ ragops-hybrid"));
    assertThat(run.get(0)).startsWith("q1 Q0 aero-");
  }

  @Test
  void evalExitsWithOneWhenTheSpecFails() throws IOException {
    Path spec =
        spec(
            """
            expected:
              keyword: {map: 0.10}
            tolerance: {map: 0.01}
            """);

    int code =
        run("eval", "--dataset", resource("beir-mini").toString(), "--spec", spec.toString());

    assertThat(code).as("stderr:%n%s", err).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL").contains("verdict: FAIL");
  }

  @Test
  void faithfulnessReportsAurocAndBalancedAccuracy() throws IOException {
    Path result = tmp.resolve("faithfulness.json");

    int code =
        run(
            "faithfulness",
            "--cases",
            resource("faithfulness-mini.jsonl").toString(),
            "--out",
            result.toString());

    assertThat(code).as("stderr:%n%s", err).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("AUROC")
        .contains("balanced accuracy");
    JsonNode json = json(result);
    assertThat(json.get("cases").getIntValue()).isEqualTo(6);
    assertThat(json.get("auroc").getDoubleValue()).isGreaterThanOrEqualTo(0.8);
    assertThat(json.get("balancedAccuracy").getDoubleValue()).isBetween(0.5, 1.0);
    assertThat(json.get("threshold").getDoubleValue()).isEqualTo(0.5);
  }

  @Test
  void badArgumentsPrintUsageAndExitWithTwo() {
    assertThat(run("eval", "--dataset", resource("beir-mini").toString(), "--bogus", "1"))
        .isEqualTo(2);
    assertThat(run("evaluate")).isEqualTo(2);
    assertThat(
            run(
                "faithfulness",
                "--cases",
                resource("faithfulness-mini.jsonl").toString(),
                "--judge",
                "llm"))
        .as("the llm judge is not configured")
        .isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Usage:")
        .contains("unknown option --bogus");
  }
}
