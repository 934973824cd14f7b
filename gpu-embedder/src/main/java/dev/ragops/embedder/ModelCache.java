package dev.ragops.embedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a model's classpath resources to a directory once, so that ONNX Runtime and the tokenizer
 * library can read them as files.
 *
 * <p>Each model gets a folder {@code <model id>-<fingerprint>}, where the fingerprint is taken from
 * the CRC-32 and size of both resources (read from the jar's directory, so nothing is hashed on
 * startup). A new model jar therefore lands in a new folder, and an unchanged one is never copied
 * again. Files are written to a temporary name and moved into place atomically, so a crashed or
 * concurrent start never leaves a half-written model behind.
 */
final class ModelCache {

  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
  static final String MODEL_FILE = "model.onnx";
  static final String TOKENIZER_FILE = "tokenizer.json";

  private final Path root;

  ModelCache(Path root) {
    this.root = root;
  }

  /**
   * Returns the model's files, extracting them first where they are missing.
   *
   * @throws IllegalStateException if a resource is not on the classpath or the files cannot be
   *     written
   */
  ModelFiles materialize(ModelSpec spec) {
    try {
      Resource onnx = Resource.find(spec.onnxResource());
      Resource tokenizer = Resource.find(spec.tokenizerResource());
      Path dir = root.resolve(spec.id() + "-" + fingerprint(onnx, tokenizer));
      Files.createDirectories(dir);
      return new ModelFiles(
          extract(onnx, dir.resolve(MODEL_FILE)), extract(tokenizer, dir.resolve(TOKENIZER_FILE)));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot extract model " + spec.id() + " to " + root, e);
    }
  }

  private static Path extract(Resource resource, Path target) throws IOException {
    if (Files.isRegularFile(target) && Files.size(target) == resource.size()) {
      return target;
    }
    Path partial =
        Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      try (InputStream in = resource.url().openStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    LOG.info("Extracted {} ({} bytes) to {}", resource.name(), resource.size(), target);
    return target;
  }

  private static String fingerprint(Resource... resources) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Resource resource : resources) {
        String stamp = resource.name() + ':' + resource.size() + ':' + resource.crc() + ';';
        digest.update(stamp.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** A classpath resource with the size and CRC-32 of its content. */
  private record Resource(String name, URL url, long size, long crc) {

    static Resource find(String name) throws IOException {
      URL url = ModelCache.class.getClassLoader().getResource(name);
      if (url == null) {
        throw new IllegalStateException(
            "Model resource '" + name + "' is not on the classpath; add the model's jar");
      }
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar) {
        JarEntry entry = jar.getJarEntry();
        if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
          return new Resource(name, url, entry.getSize(), entry.getCrc());
        }
      }
      // an exploded directory (IDE, tests): read the content once
      CRC32 crc = new CRC32();
      long size;
      try (InputStream in = new CheckedInputStream(connection.getInputStream(), crc)) {
        size = in.transferTo(OutputStream.nullOutputStream());
      }
      return new Resource(name, url, size, crc.getValue());
    }
  }
}
