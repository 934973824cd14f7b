package dev.ragops.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 serving text documents at {@code /docs/{id}}, as a web source
 * would: with an {@code ETag} and {@code Last-Modified}, {@code 304} to a matching {@code
 * If-None-Match}, and {@code 404} once a document is removed. Documents can change while it runs.
 */
final class SourceServer implements AutoCloseable {

  private record Page(String text, String etag, String lastModified) {}

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final AtomicInteger notModified = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicInteger versions = new AtomicInteger();
  private final java.util.List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

  SourceServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/docs/", this::handle);
    server.createContext("/hooks", this::hook);
    server.start();
  }

  /** Publishes (or changes) document {@code id}; its ETag and Last-Modified change with it. */
  void put(String id, String text) {
    int version = versions.incrementAndGet();
    pages.put(
        id,
        new Page(
            text,
            "\"v" + version + "\"",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(version))));
  }

  void remove(String id) {
    pages.remove(id);
  }

  URI url(String id) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/docs/" + id);
  }

  /** Where webhooks may be posted; {@link #hooks()} lists the bodies received. */
  URI hookUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  java.util.List<String> hooks() {
    return java.util.List.copyOf(hooks);
  }

  private void hook(HttpExchange exchange) throws IOException {
    try (exchange) {
      hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  /** How many requests were answered 304 Not Modified. */
  int notModified() {
    return notModified.get();
  }

  /** How many requests were answered with a body. */
  int served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String id = exchange.getRequestURI().getPath().substring("/docs/".length());
      Page page = pages.get(id);
      if (page == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("ETag", page.etag());
      exchange.getResponseHeaders().set("Last-Modified", page.lastModified());
      if (page.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] body = page.text().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      served.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
