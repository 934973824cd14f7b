package dev.ragops.embedder;

import dev.ragops.model.Embedder;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * An {@link Embedder} that asks another ragops node (or any OpenAI-compatible server) for vectors
 * over {@code POST /v1/embeddings}, so that ingestion workers need no model of their own. The model
 * must be registered here too: its id, dimension and query instruction come from the registry, and
 * queries are sent with the instruction in front, as {@link DjlEmbedder} embeds them. Vectors
 * travel as base64 float32, so they arrive bit for bit as the remote node computed them.
 *
 * <p>Requests carry at most {@value #TEXTS_PER_REQUEST} texts, and the API key, if one is set, as
 * {@code Authorization: Bearer <key>}. A node that cannot be reached, times out or answers 429 or
 * 5xx raises {@link RetriableException}; any other refusal, or an answer that does not fit the
 * request, raises {@link NonRetriableException}. Thread-safe.
 */
public final class RemoteEmbedder implements Embedder {

  static final int TEXTS_PER_REQUEST = 256;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Set<Integer> RETRIABLE_STATUS = Set.of(408, 425, 429, 500, 502, 503, 504);

  private final URI endpoint;
  private final ModelSpec spec;
  private final Duration timeout;
  private final JsonMapper json;
  private final @Nullable String apiKey;
  private final HttpClient http;

  RemoteEmbedder(
      URI baseUrl, String modelId, Duration timeout, @Nullable String apiKey, JsonMapper json) {
    if (baseUrl.getScheme() == null || !baseUrl.getScheme().startsWith("http")) {
      throw new IllegalArgumentException(
          "ragops.embedder.remote-url must be an http(s) URL, got '" + baseUrl + "'");
    }
    String base = baseUrl.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base : base + "/").resolve("v1/embeddings");
    this.spec = ModelRegistry.find(modelId);
    this.timeout = timeout;
    this.json = json;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /**
   * An embedder for the node at {@code baseUrl} (e.g. {@code http://embedder:8080}) serving the
   * registered model {@code modelId}; each request may take up to {@code timeout}.
   *
   * @param apiKey sent as {@code Authorization: Bearer <key>} when not null (nodes with
   *     authentication on need one)
   * @throws IllegalArgumentException if the URL is not http(s) or the model is unknown
   */
  public static RemoteEmbedder create(
      URI baseUrl, String modelId, Duration timeout, @Nullable String apiKey) {
    return new RemoteEmbedder(baseUrl, modelId, timeout, apiKey, JsonMapper.createDefault());
  }

  @Override
  public String modelId() {
    return spec.id();
  }

  @Override
  public int dimension() {
    return spec.dimension();
  }

  /** The {@code /v1/embeddings} address requests go to. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a text is null
   * @throws RetriableException if the node cannot be reached, times out or is overloaded
   * @throws NonRetriableException if the node refuses the request or answers something else
   */
  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new IllegalArgumentException("texts[" + i + "] is null");
      }
    }
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int start = 0; start < texts.size(); start += TEXTS_PER_REQUEST) {
      vectors.addAll(
          request(texts.subList(start, Math.min(texts.size(), start + TEXTS_PER_REQUEST))));
    }
    return vectors;
  }

  /** Sends the query with the model's query instruction in front of it. */
  @Override
  public float[] embedQuery(String query) {
    if (query == null) {
      throw new IllegalArgumentException("query is null");
    }
    return embedDocuments(List.of(spec.queryPrefix() + query)).get(0);
  }

  private List<float[]> request(List<String> texts) {
    HttpResponse<byte[]> response = send(texts);
    if (response.statusCode() != 200) {
      String message =
          "Embedder at "
              + endpoint
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8);
      if (RETRIABLE_STATUS.contains(response.statusCode())) {
        throw new RetriableException(message, null);
      }
      throw new NonRetriableException(message);
    }
    return vectors(response.body(), texts.size());
  }

  private HttpResponse<byte[]> send(List<String> texts) {
    try {
      byte[] body =
          json.writeValueAsBytes(
              new EmbeddingRequest(
                  List.copyOf(texts), spec.id(), EmbeddingRequest.BASE64, null, null));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (apiKey != null) {
        request.header("Authorization", "Bearer " + apiKey);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RetriableException("Embedder at " + endpoint + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while waiting for the embedder at " + endpoint, e);
    }
  }

  private List<float[]> vectors(byte[] body, int expected) {
    EmbeddingResponse response;
    try {
      response = json.readValue(body, EmbeddingResponse.class);
    } catch (IOException e) {
      throw new NonRetriableException("Embedder at " + endpoint + " answered malformed JSON", e);
    }
    if (response.data() == null || response.data().size() != expected) {
      throw new NonRetriableException(
          "Embedder at "
              + endpoint
              + " answered "
              + (response.data() == null ? 0 : response.data().size())
              + " vectors for "
              + expected
              + " texts");
    }
    float[][] vectors = new float[expected][];
    for (EmbeddingResponse.Item item : response.data()) {
      if (item.index() < 0 || item.index() >= expected || vectors[item.index()] != null) {
        throw new NonRetriableException(
            "Embedder at " + endpoint + " answered a bad index " + item.index());
      }
      float[] vector = decode(item.embedding());
      if (vector.length != spec.dimension()) {
        throw new NonRetriableException(
            "Embedder at "
                + endpoint
                + " answered "
                + vector.length
                + " dimensions; "
                + spec.id()
                + " has "
                + spec.dimension());
      }
      vectors[item.index()] = vector;
    }
    return List.of(vectors);
  }

  /** A base64 string of float32 values, or an array of numbers from a server ignoring base64. */
  private float[] decode(Object embedding) {
    if (embedding instanceof String base64) {
      try {
        return FloatBytes.toFloats(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw new NonRetriableException(
            "Embedder at " + endpoint + " answered a bad base64 vector: " + e.getMessage(), e);
      }
    }
    if (embedding instanceof List<?> numbers) {
      float[] vector = new float[numbers.size()];
      for (int i = 0; i < vector.length; i++) {
        if (!(numbers.get(i) instanceof Number number)) {
          throw new NonRetriableException("Embedder at " + endpoint + " answered a non-number");
        }
        vector[i] = number.floatValue();
      }
      return vector;
    }
    throw new NonRetriableException("Embedder at " + endpoint + " answered no embedding");
  }
}
