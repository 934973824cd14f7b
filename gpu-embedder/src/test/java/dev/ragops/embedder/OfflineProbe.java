package dev.ragops.embedder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run in a fresh JVM by {@link DjlOfflineTest}: records every http(s) URL the JVM opens (through a
 * {@link URLStreamHandler}, which also sees connections made with an explicit proxy, as DJL's) and
 * every address a socket or HTTP client asks the default {@link ProxySelector} for; each attempt
 * fails at once. Then loads the default model, embeds a text and prints what was attempted.
 */
public final class OfflineProbe {

  static final String ATTEMPTS = "network attempts: ";

  private OfflineProbe() {}

  public static void main(String[] args) {
    List<String> attempts = new CopyOnWriteArrayList<>();
    URL.setURLStreamHandlerFactory(protocol ->
        protocol.equals("http") || protocol.equals("https")
            ? new URLStreamHandler() {
              @Override
              protected URLConnection openConnection(URL url) throws IOException {
                attempts.add(url.toString());
                throw new IOException("offline probe: no network");
              }

              @Override
              protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
                return openConnection(url);
              }
            }
            : null);
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            attempts.add(uri.toString());
            return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 9)));
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try (DjlEmbedder embedder = DjlEmbedder.create(EmbedderConfig.defaults(Path.of(args[0])))) {
      embedder.embedDocuments(List.of("offline"));
    }
    System.out.println(ATTEMPTS + attempts);
  }
}
