package dev.ragops.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A plain JDK HTTP client for the REST API, as an application would call it. */
final class ApiClient {

  private final HttpClient http;
  private final URI base;
  private final String key;

  ApiClient(URI base) {
    this(HttpClient.newHttpClient(), base, null);
  }

  private ApiClient(HttpClient http, URI base, String key) {
    this.http = http;
    this.base = base;
    this.key = key;
  }

  /** This client sending {@code Authorization: Bearer <key>} (sharing its connections). */
  ApiClient withKey(String key) {
    return new ApiClient(http, base, key);
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  HttpResponse<String> postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json)));
  }

  /** Posts a raw body with the given Content-Type. */
  HttpResponse<String> postBytes(String path, String contentType, byte[] body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<String> patchJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method("PATCH", BodyPublishers.ofString(json)));
  }

  /** Posts multipart/form-data: {@code files} are (file name, bytes), {@code fields} plain text. */
  HttpResponse<String> postMultipart(
      String path, Map<String, byte[]> files, Map<String, String> fields) {
    String boundary = "ragops-" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    files.forEach((name, bytes) -> {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
              + name
              + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(bytes);
      write(body, "\r\n");
    });
    fields.forEach((name, value) ->
        write(
            body,
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n\r\n"
                + value
                + "\r\n"));
    write(body, "--" + boundary + "--\r\n");
    return postBytes(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      if (key != null) {
        request.header("Authorization", "Bearer " + key);
      }
      return http.send(request.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
