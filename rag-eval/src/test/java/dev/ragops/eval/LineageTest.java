package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.DocumentCatalog;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineageTest {

  private static final String H1 = "1".repeat(64);
  private static final String H2 = "2".repeat(64);
  private static final String CHUNK = "00000000-0000-0000-0000-00000000000c";

  /** The documents of one collection, in memory: a.txt and b.txt, with one chunk of b.txt. */
  private static final DocumentCatalog DOCUMENTS =
      new DocumentCatalog() {
        @Override
        public Map<String, String> contentHashes(String collection, Collection<String> ids) {
          Map<String, String> all = Map.of("a.txt", H1, "b.txt", H2);
          Map<String, String> found = new HashMap<>();
          ids.forEach(id -> {
            if (all.containsKey(id)) {
              found.put(id, all.get(id));
            }
          });
          return found;
        }

        @Override
        public Map<String, String> sourceIds(String collection, Collection<String> ids) {
          return Map.of();
        }

        @Override
        public Map<String, StoredChunk> chunks(String collection, Collection<String> ids) {
          return ids.contains(CHUNK)
              ? Map.of(CHUNK, new StoredChunk(CHUNK, "doc-b", "b.txt", H2, "text"))
              : Map.of();
        }
      };

  private final Lineage lineage = new Lineage(DOCUMENTS);

  @Test
  void labelsRecordTheCurrentHashOfEachJudgedDocument() {
    var judgments =
        lineage.label(
            "c",
            List.of(
                new Lineage.Relevance("a.txt", null, 2), new Lineage.Relevance(null, CHUNK, null)),
            "relevant");

    assertThat(judgments)
        .containsExactly(new Judgment("a.txt", null, 2, H1), new Judgment("b.txt", CHUNK, 1, H2));
  }

  @Test
  void rejectsJudgmentsOfUnknownDocumentsBadGradesRepeatsAndNoRelevantItem() {
    assertThatThrownBy(
            () -> lineage.label("c", List.of(new Lineage.Relevance("x", null, 1)), "relevant"))
        .hasMessageContaining("relevant[0].sourceId 'x'");
    assertThatThrownBy(
            () -> lineage.label("c", List.of(new Lineage.Relevance("a.txt", null, 11)), "relevant"))
        .hasMessageContaining("relevant[0].grade");
    assertThatThrownBy(() ->
            lineage.label(
                "c",
                List.of(
                    new Lineage.Relevance("a.txt", null, 1),
                    new Lineage.Relevance("a.txt", null, 2)),
                "relevant"))
        .hasMessageContaining("relevant[1]");
    assertThatThrownBy(
            () -> lineage.label("c", List.of(new Lineage.Relevance("a.txt", null, 0)), "relevant"))
        .hasMessageContaining("grade >= 1");
    assertThatThrownBy(
            () -> lineage.label("c", List.of(new Lineage.Relevance("a.txt", CHUNK, 1)), "relevant"))
        .hasMessageContaining("belongs to document 'b.txt'");
    assertThatThrownBy(() -> lineage.label("c", List.of(), "relevant"))
        .hasMessageContaining("at least one");
  }

  @Test
  void aJudgmentIsCurrentChangedOrDeleted() {
    var now = new Lineage.Snapshot(Map.of("a.txt", H1, "b.txt", H1), Set.of());
    var current = new Judgment("a.txt", null, 1, H1);
    var changed = new Judgment("b.txt", null, 1, H2);
    var deleted = new Judgment("gone.txt", null, 1, H1);
    var chunkGone = new Judgment("a.txt", CHUNK, 1, H1);

    assertThat(now.status(current)).isEqualTo("current");
    assertThat(now.status(changed)).isEqualTo("changed");
    assertThat(now.status(deleted)).isEqualTo("deleted");
    assertThat(now.status(chunkGone)).isEqualTo("deleted");
    assertThat(now.stale(golden(current))).isFalse();
    assertThat(now.stale(golden(current, changed))).isTrue();
  }

  private static GoldenCase golden(Judgment... judgments) {
    return new GoldenCase(
        "id", "q", null, "manual", null, List.of(judgments), Instant.EPOCH, Instant.EPOCH);
  }
}
