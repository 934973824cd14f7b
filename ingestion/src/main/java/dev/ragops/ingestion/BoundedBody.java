package dev.ragops.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, failing with {@link TooLarge} as soon as it passes {@code
 * maxBytes} (or the server announces more), so an endless body cannot fill the heap.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body passed the limit. */
  static final class TooLarge extends IOException {
    TooLarge(long maxBytes) {
      super("body larger than " + maxBytes + " bytes");
    }
  }

  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final long maxBytes;
  private Flow.Subscription subscription;

  private BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static HttpResponse.BodySubscriber<byte[]> of(HttpResponse.ResponseInfo info, long maxBytes) {
    var body = new BoundedBody(maxBytes);
    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (announced > maxBytes) {
      body.result.completeExceptionally(new TooLarge(maxBytes));
    }
    return body;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (result.isDone()) {
      subscription.cancel();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + (long) buffer.remaining() > maxBytes) {
        result.completeExceptionally(new TooLarge(maxBytes));
        subscription.cancel();
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
