package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {

  @TempDir Path dir;

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void readsCorpusQueriesAndTestQrels() throws IOException {
    write(
        "corpus.jsonl",
        "{\"_id\": \"d1\", \"title\": \"Wings\", \"text\": \"Lift.\"}\n\n{\"_id\": 2, \"text\": \"Drag.\"}\n");
    write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"what is lift\"}\n");
    write("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\n");
    write("qrels/dev.tsv", "query-id\tcorpus-id\tscore\nq1\t2\t1\n");

    var dataset = BeirDataset.load(dir);

    assertThat(dataset.name()).isEqualTo(dir.getFileName().toString());
    assertThat(dataset.corpus()).extracting(BeirDataset.Document::id).containsExactly("d1", "2");
    assertThat(dataset.corpus().get(0).content()).isEqualTo("Wings\n\nLift.");
    assertThat(dataset.corpus().get(1).content()).isEqualTo("Drag.");
    assertThat(dataset.queries()).containsExactly(new BeirDataset.Query("q1", "what is lift"));
    assertThat(dataset.qrels().grades("q1")).containsOnlyKeys("d1");
  }

  @Test
  void namesTheFileAndLineThatIsWrong() throws IOException {
    write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"x\"}\n{\"text\": \"no id\"}\n");
    write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"x\"}\n");
    write("qrels/test.tsv", "q1\td1\t1\n");
    assertThatThrownBy(() -> BeirDataset.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corpus.jsonl line 2 has no \"_id\"");
  }

  @Test
  void rejectsAMissingDirectoryOrFile() throws IOException {
    assertThatThrownBy(() -> BeirDataset.load(dir.resolve("nope")))
        .hasMessageContaining("not a directory");
    write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"x\"}\n");
    assertThatThrownBy(() -> BeirDataset.load(dir))
        .hasMessageContaining("missing")
        .hasMessageContaining("queries.jsonl");
  }
}
