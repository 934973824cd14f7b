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
import java.util.Map;
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

  /**
   * A fetched document: its bytes, a file name taken from the final URL, that URL, and the
   * validators the server sent ({@code ETag}, {@code Last-Modified}), null when it sent none.
   */
  record Fetched(
      byte[] content,
      @Nullable String fileName,
      URI url,
      @Nullable String etag,
      @Nullable String lastModified) {}

  /** What a conditional fetch found: the new body, or that it is unchanged or gone. */
  sealed interface Recheck {
    /** 304 Not Modified. */
    record Unchanged() implements Recheck {}

    /** 404 Not Found or 410 Gone. */
    record Gone(int status) implements Recheck {}

    record Changed(Fetched fetched) implements Recheck {}
  }

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
    var response = request(url, Map.of());
    int status = response.statusCode();
    if (status >= 400 || status < 200 || status == 304) {
      throw new IllegalArgumentException("fetching " + response.uri() + " answered HTTP " + status);
    }
    return fetched(response);
  }

  /**
   * Fetches {@code url} again, sending {@code If-None-Match: etag} and {@code If-Modified-Since:
   * lastModified} when known, under the same address policy and limits as {@link #fetch}.
   *
   * @throws IllegalArgumentException when the fetch fails other than with 304, 404 or 410
   */
  Recheck recheck(String url, @Nullable String etag, @Nullable String lastModified) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (etag != null) {
      headers.put("If-None-Match", etag);
    }
    if (lastModified != null) {
      headers.put("If-Modified-Since", lastModified);
    }
    var response = request(url, headers);
    int status = response.statusCode();
    if (status == 304) {
      return new Recheck.Unchanged();
    }
    if (status == 404 || status == 410) {
      return new Recheck.Gone(status);
    }
    if (status >= 400 || status < 200) {
      throw new IllegalArgumentException("fetching " + response.uri() + " answered HTTP " + status);
    }
    return new Recheck.Changed(fetched(response));
  }

  private static Fetched fetched(HttpResponse<byte[]> response) {
    return new Fetched(
        response.body(),
        fileName(response.uri()),
        response.uri(),
        response.headers().firstValue("ETag").orElse(null),
        response.headers().firstValue("Last-Modified").orElse(null));
  }

  /** The response at the end of the redirect chain, whatever its status. */
  private HttpResponse<byte[]> request(String url, Map<String, String> headers) {
    URI uri = parse(url);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int hop = 0; hop <= maxRedirects; hop++) {
      policy.check(uri.getHost());
      HttpResponse<byte[]> response = send(uri, deadline, headers);
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
      return response;
    }
    throw new IllegalArgumentException(
        "fetching " + url + " redirected more than " + maxRedirects + " times");
  }

  private HttpResponse<byte[]> send(URI uri, long deadline, Map<String, String> headers) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw tooSlow(uri);
    }
    var builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofNanos(remaining))
            .header("User-Agent", "ragops-ingest");
    headers.forEach(builder::header);
    var request = builder.GET().build();
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
