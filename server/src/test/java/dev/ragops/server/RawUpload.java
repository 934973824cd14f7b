package dev.ragops.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Posts a body over a plain socket and reads the answer while the body is still being sent, as curl
 * does: a server that refuses a large upload early (413) answers without reading it all, which the
 * JDK client, writing the whole body before it reads, would wait on.
 */
final class RawUpload {

  /** The status and Content-Type of the answer. */
  record Answer(int status, String contentType) {}

  private RawUpload() {}

  static Answer post(URI base, String path, String contentType, byte[] body) {
    try (var socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + "\r\nContent-Type: "
              + contentType
              + "\r\nContent-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      var sender =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  out.write(body);
                  out.flush();
                } catch (IOException refused) {
                  // the server answered and closed: expected for a refused upload
                }
              });
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String statusLine = in.readLine();
      String type = "";
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          type = line.substring("content-type:".length()).strip();
        }
      }
      sender.interrupt();
      return new Answer(Integer.parseInt(statusLine.split(" ")[1]), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
