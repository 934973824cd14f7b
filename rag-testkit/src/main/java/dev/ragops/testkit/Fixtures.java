package dev.ragops.testkit;

import dev.ragops.model.Chunk;
import dev.ragops.model.IndexedChunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A tiny corpus for store tests: fourteen passages from six documents in two collections, {@value
 * #AERONAUTICS} and {@value #COOKING}. Both collections hold one identical passage, {@link
 * #SHARED_TEXT}. Ids are name-based UUIDs, so every run builds equal values; vectors are seeded
 * random unit vectors derived from the text, so identical texts get identical vectors.
 */
public final class Fixtures {

  public static final String AERONAUTICS = "aeronautics";
  public static final String COOKING = "cooking";

  /** Dimension of the fixture vectors (that of small sentence-embedding models). */
  public static final int DIMENSION = 384;

  /** The passage present in both collections. */
  public static final String SHARED_TEXT =
      "Keep a close eye on the temperature gauge throughout the process.";

  private static final List<Chunk> CORPUS =
      Stream.of(
              document(
                  AERONAUTICS,
                  "flight.md",
                  "Principles of flight",
                  "Lift is generated when air flows faster over the curved upper surface of a wing"
                      + " than beneath it.",
                  "The angle of attack is the angle between the chord line of the airfoil and the"
                      + " oncoming airflow.",
                  "A stall occurs when the critical angle of attack is exceeded and the airflow"
                      + " separates from the upper surface."),
              document(
                  AERONAUTICS,
                  "engines.md",
                  "Jet engines",
                  "A turbofan engine moves a large mass of bypass air around its core, which makes"
                      + " it quieter and more efficient.",
                  SHARED_TEXT),
              document(
                  AERONAUTICS,
                  "landing.md",
                  "Approach and landing",
                  "Flaps extend from the trailing edge to increase camber, letting the aircraft fly"
                      + " slowly on approach.",
                  "In the flare the pilot reduces thrust and raises the nose just before the main"
                      + " gear touches the runway."),
              document(
                  COOKING,
                  "bread.md",
                  "Bread basics",
                  "Knead the dough until it is smooth and elastic, then let it rise in a warm place"
                      + " for an hour.",
                  "Bake the loaf until the crust is deep brown and the base sounds hollow when"
                      + " tapped."),
              document(
                  COOKING,
                  "sauces.md",
                  "Sauces",
                  "A roux of butter and flour thickens the sauce; cook it gently so the flour loses"
                      + " its raw taste.",
                  "Emulsify the vinaigrette by whisking oil into the vinegar and mustard in a thin"
                      + " stream."),
              document(
                  COOKING,
                  "roasting.md",
                  "Roasting",
                  "Roast the chicken wings in a hot oven until the skin is crisp, then toss them in"
                      + " the sauce.",
                  SHARED_TEXT,
                  "Rest the roast for ten minutes after cooking so the juices settle back into the"
                      + " meat."))
          .flatMap(List::stream)
          .toList();

  private Fixtures() {}

  /** Every fixture chunk, documents in order, chunks in ordinal order. */
  public static List<Chunk> corpus() {
    return CORPUS;
  }

  /** The corpus with a vector for every chunk, from {@link #vectorFor}. */
  public static List<IndexedChunk> indexedCorpus(long seed) {
    return CORPUS.stream()
        .map(chunk -> new IndexedChunk(chunk, vectorFor(chunk.text(), seed)))
        .toList();
  }

  /** The fixture chunks of one collection. */
  public static List<Chunk> inCollection(String collection) {
    return CORPUS.stream().filter(chunk -> chunk.collection().equals(collection)).toList();
  }

  /** The only chunk of {@code collection} whose text contains {@code fragment}. */
  public static Chunk chunkContaining(String collection, String fragment) {
    List<Chunk> found =
        inCollection(collection).stream().filter(chunk -> chunk.text().contains(fragment)).toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.size() + " fixture chunks of " + collection + " contain '" + fragment + "'");
    }
    return found.get(0);
  }

  /**
   * The chunks of one document: ids and document id are name-based UUIDs of collection, source id
   * and ordinal; offsets are those in the passages joined by single spaces.
   */
  public static List<Chunk> document(
      String collection, String sourceId, String title, String... passages) {
    String documentId = uuid(collection + "/" + sourceId);
    Map<String, Object> metadata =
        Map.of("lang", "en", "year", 2024, "reviewed", true, "tags", List.of(collection));
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    for (int ordinal = 0; ordinal < passages.length; ordinal++) {
      String text = passages[ordinal];
      chunks.add(
          new Chunk(
              uuid(documentId + "#" + ordinal),
              documentId,
              collection,
              sourceId,
              title,
              ordinal,
              text,
              start,
              start + text.length(),
              metadata));
      start += text.length() + 1;
    }
    return List.copyOf(chunks);
  }

  /** A unit vector of {@link #DIMENSION} floats determined by {@code text} and {@code seed}. */
  public static float[] vectorFor(String text, long seed) {
    return randomUnitVector(new Random(seed * 31 + text.hashCode()), DIMENSION);
  }

  /** A random unit vector: Gaussian components, normalized. */
  public static float[] randomUnitVector(Random random, int dimension) {
    float[] vector = new float[dimension];
    double squaredNorm = 0;
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
      squaredNorm += (double) vector[i] * vector[i];
    }
    float norm = (float) Math.sqrt(squaredNorm);
    for (int i = 0; i < dimension; i++) {
      vector[i] /= norm;
    }
    return vector;
  }

  /** Dot product, which is cosine similarity for unit vectors. */
  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
