package dev.ragops.ingestion;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a document for URL ingestion. Only {@code http} and {@code https}; every hop of a
 * redirect chain is checked by the {@link AddressPolicy} before it is requested, so a public URL
 * cannot redirect to a cloud metadata service or the local network. The body may be at most {@code
 * ragops.ingest.url.max-bytes} and the whole fetch, redirects included, may take at most {@code
 * ragops.ingest.url.timeout}.
 *
 * <p>Addresses are checked when resolved; the JDK caches the lookup (30 s by default), so the
 * connection that follows uses the address that was checked.
 */
@Singleton
final class UrlFetcher {

  /** A fetched document: its bytes, a file name taken from the final URL, and that URL. */
  record Fetched(byte[] content, @Nullable String fileName, URI url) {}

  private final AddressPolicy policy;
  private final long maxBytes;
  private final Duration timeout;
  private final int maxRedirects;
  private final HttpClient client;

  UrlFetcher(
      @Nullable @Property(name = "ragops.ingest.url.allow") List<String> allow,
      @Value("${ragops.ingest.url.max-bytes:20971520}") long maxBytes,
      @Value("${ragops.ingest.url.timeout:30s}") Duration timeout,
      @Value("${ragops.ingest.url.max-redirects:5}") int maxRedirects) {
    if (maxBytes < 1 || timeout.isNegative() || timeout.isZero() || maxRedirects < 0) {
      throw new IllegalArgumentException(
          "ragops.ingest.url.max-bytes and timeout must be positive, max-redirects >= 0");
    }
    this.policy = new AddressPolicy(allow == null ? List.of() : allow);
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.maxRedirects = maxRedirects;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
  }

  /**
   * Fetches {@code url}.
   *
   * @throws IllegalArgumentException when the URL is malformed or refused, the server answers an
   *     error, the body is too large or the fetch too slow; the message says which
   */
  Fetched fetch(String url) {
    URI uri = parse(url);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int hop = 0; hop <= maxRedirects; hop++) {
      policy.check(uri.getHost());
      HttpResponse<byte[]> response = send(uri, deadline);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        var location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          throw new IllegalArgumentException(
              "fetching " + uri + " answered " + status + " without a Location");
        }
        uri = parse(uri.resolve(location.get().strip()).toString());
        continue;
      }
      if (status >= 400 || status < 200) {
        throw new IllegalArgumentException("fetching " + uri + " answered HTTP " + status);
      }
      return new Fetched(response.body(), fileName(uri), uri);
    }
    throw new IllegalArgumentException(
        "fetching " + url + " redirected more than " + maxRedirects + " times");
  }

  private HttpResponse<byte[]> send(URI uri, long deadline) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw tooSlow(uri);
    }
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofNanos(remaining))
            .header("User-Agent", "ragops-ingest")
            .GET()
            .build();
    var future = client.sendAsync(request, info -> BoundedBody.of(info, maxBytes));
    try {
      return future.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw tooSlow(uri);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BoundedBody.TooLarge) {
        throw new IllegalArgumentException(
            "the document at "
                + uri
                + " is larger than "
                + maxBytes
                + " bytes (ragops.ingest.url.max-bytes)");
      }
      if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
        throw tooSlow(uri);
      }
      throw new IllegalArgumentException(
          "fetching " + uri + " failed: " + (e.getCause() instanceof IOException io ? io : e));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + uri, e);
    }
  }

  private IllegalArgumentException tooSlow(URI uri) {
    return new IllegalArgumentException(
        "fetching " + uri + " took longer than " + timeout + " (ragops.ingest.url.timeout)");
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url == null ? "" : url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("url must be http or https, got '" + url + "'");
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        throw new IllegalArgumentException("url has no host: '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is malformed: " + e.getMessage());
    }
  }

  private static String fileName(URI uri) {
    String path = uri.getPath();
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      return null;
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
