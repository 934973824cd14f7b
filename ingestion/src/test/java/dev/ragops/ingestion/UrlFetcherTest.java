package dev.ragops.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URL ingestion against a real HTTP server on 127.0.0.1, with and without the allow-list. */
class UrlFetcherTest {

  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/doc.html",
        exchange -> {
          byte[] body = SampleFiles.html();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/doc.html");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/to-metadata",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/big",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to trust
          byte[] block = new byte[64 * 1024];
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 64; i++) {
              out.write(block);
            }
          } catch (IOException clientGaveUp) {
            // expected: the fetcher stops reading at its limit
          }
          exchange.close();
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(3_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/missing",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  private static UrlFetcher fetcher(List<String> allow) {
    return new UrlFetcher(allow, 1024 * 1024, Duration.ofSeconds(1), 3);
  }

  @Test
  void fetchesFromAnAllowListedHost() {
    var fetched = fetcher(List.of("127.0.0.1")).fetch(base + "/doc.html");

    assertThat(new String(fetched.content(), StandardCharsets.UTF_8)).contains("dead tuples");
    assertThat(fetched.fileName()).isEqualTo("doc.html");
  }

  @Test
  void allowsACidrRange() {
    assertThat(fetcher(List.of("127.0.0.0/8")).fetch(base + "/doc.html").content()).isNotEmpty();
  }

  @Test
  void refusesLoopbackWithoutTheAllowList() {
    assertThatThrownBy(() -> fetcher(List.of()).fetch(base + "/doc.html"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback")
        .hasMessageContaining("ragops.ingest.url.allow");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://localhost/"
      })
  void refusesNonPublicAddresses(String url) {
    assertThatThrownBy(() -> fetcher(List.of()).fetch(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void followsRedirectsAndChecksEveryHop() {
    var allowed = fetcher(List.of("127.0.0.1"));
    assertThat(allowed.fetch(base + "/redirect").url().getPath()).isEqualTo("/doc.html");

    assertThatThrownBy(() -> allowed.fetch(base + "/to-metadata"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("169.254.169.254")
        .hasMessageContaining("link-local");
  }

  @Test
  void refusesBodiesOverTheSizeLimit() {
    assertThatThrownBy(() -> fetcher(List.of("127.0.0.1")).fetch(base + "/big"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ragops.ingest.url.max-bytes");
  }

  @Test
  void givesUpAfterTheTimeout() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> fetcher(List.of("127.0.0.1")).fetch(base + "/slow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ragops.ingest.url.timeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void reportsHttpErrors() {
    assertThatThrownBy(() -> fetcher(List.of("127.0.0.1")).fetch(base + "/missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("404");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/x", "not a url", "http:///x"})
  void refusesOtherSchemesAndMalformedUrls(String url) {
    assertThatThrownBy(() -> fetcher(List.of()).fetch(url))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
