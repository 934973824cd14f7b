package dev.ragops.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

  private static final ModelSpec SPEC = ModelRegistry.find(ModelRegistry.DEFAULT_MODEL_ID);

  @TempDir Path root;

  @Test
  void extractsIntoAFolderNamedByModelIdAndFingerprint() throws IOException {
    ModelFiles files = new ModelCache(root).materialize(SPEC);

    Path folder = files.model().getParent();
    assertEquals(root, folder.getParent());
    assertTrue(folder.getFileName().toString().matches("bge-small-en-v1\\.5-q-[0-9a-f]{12}"));
    assertEquals(folder, files.tokenizer().getParent());
    assertTrue(Files.size(files.model()) > 30_000_000, "onnx model size");
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(2, left.count(), "no temporary files left behind");
    }
  }

  @Test
  void doesNotRewriteFilesAlreadyExtracted() throws IOException {
    ModelFiles first = new ModelCache(root).materialize(SPEC);
    FileTime past = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first.model(), past);
    Files.setLastModifiedTime(first.tokenizer(), past);

    ModelFiles second = new ModelCache(root).materialize(SPEC);

    assertEquals(first, second);
    assertEquals(past, Files.getLastModifiedTime(second.model()));
    assertEquals(past, Files.getLastModifiedTime(second.tokenizer()));
  }

  @Test
  void replacesAFileOfTheWrongSize() throws IOException {
    ModelFiles first = new ModelCache(root).materialize(SPEC);
    long size = Files.size(first.tokenizer());
    Files.writeString(first.tokenizer(), "{ truncated");

    new ModelCache(root).materialize(SPEC);

    assertEquals(size, Files.size(first.tokenizer()));
  }

  @Test
  void failsClearlyWhenTheModelJarIsMissing() {
    ModelSpec missing =
        new ModelSpec("absent", "absent.onnx", "absent.json", 8, Pooling.CLS, 16, "", true);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new ModelCache(root).materialize(missing));
    assertTrue(e.getMessage().contains("absent.onnx"), e.getMessage());
  }
}
