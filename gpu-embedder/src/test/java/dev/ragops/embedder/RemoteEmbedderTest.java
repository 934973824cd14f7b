package dev.ragops.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.Embedder;
import dev.ragops.model.RetriableException;
import dev.ragops.testkit.EmbedderContract;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A RemoteEmbedder talking to this module's /v1/embeddings on a real HTTP server. */
class RemoteEmbedderTest extends EmbedderContract {

  private static EmbeddedServer server;
  private static DjlEmbedder local;
  private static RemoteEmbedder remote;

  @BeforeAll
  static void start() {
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port", -1,
                "ragops.embedder.cache-dir", "target/model-cache",
                "ragops.embedder.pool-size", 2));
    local = server.getApplicationContext().getBean(DjlEmbedder.class);
    remote =
        RemoteEmbedder.create(server.getURI(), "bge-small-en-v1.5-q", Duration.ofSeconds(30), null);
  }

  @AfterAll
  static void stop() {
    server.getApplicationContext().close();
  }

  @Override
  protected Embedder embedder() {
    return remote;
  }

  /** The int8 model behind the endpoint: see DjlEmbedderTest. */
  @Override
  protected double tolerance() {
    return 0.01;
  }

  @Test
  void returnsTheRemoteNodesVectorsBitForBit() {
    for (String text : TEXTS) {
      assertThat(remote.embedDocuments(List.of(text)).get(0))
          .isEqualTo(local.embedDocuments(List.of(text)).get(0));
    }
    assertThat(remote.embedQuery("how do wings make lift"))
        .isEqualTo(local.embedQuery("how do wings make lift"));
  }

  @Test
  void splitsLargeInputsIntoSeveralRequests() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < RemoteEmbedder.TEXTS_PER_REQUEST + 10; i++) {
      texts.add("note " + i);
    }

    List<float[]> vectors = remote.embedDocuments(texts);

    assertThat(vectors).hasSize(texts.size());
    int last = texts.size() - 1;
    assertSameText(
        local.embedDocuments(List.of(texts.get(last))).get(0), vectors.get(last), "last");
  }

  @Test
  void anUnreachableNodeIsARetriableFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RemoteEmbedder nowhere =
        RemoteEmbedder.create(
            URI.create("http://127.0.0.1:" + closedPort),
            "bge-small-en-v1.5-q",
            Duration.ofSeconds(5),
            null);

    assertThatThrownBy(() -> nowhere.embedDocuments(List.of("hello")))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void rejectsAUrlThatIsNotHttp() {
    assertThatThrownBy(() ->
            RemoteEmbedder.create(
                URI.create("ftp://embedder"), "bge-small-en-v1.5-q", Duration.ofSeconds(5), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("remote-url");
  }
}
