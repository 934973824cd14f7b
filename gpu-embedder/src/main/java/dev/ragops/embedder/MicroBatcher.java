package dev.ragops.embedder;

import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Dynamic micro-batching: gathers tokenized texts ({@code T}) from concurrent callers, sorts them
 * by token count and runs them through the model in batches, so that a batch pads little.
 *
 * <p>A caller sorts its own texts by length and queues them in pieces cut as batches are (see
 * {@link #cut}). One gatherer thread waits until a runner is free, takes a first piece, and keeps
 * taking pieces until it holds {@code windowSize} texts or {@code maxWait} has passed since the
 * first one; it then sorts the window by token count (stably), cuts it into batches of at most
 * {@code batchSize} texts with little padding, and hands them to the runners. While all runners are
 * busy, texts pile up in the queue, so windows grow with load. Because a window is made of whole
 * pieces and the sort is stable, a caller alone gets exactly its own pieces as batches, whatever
 * the timing: its vectors do not depend on scheduling. Under concurrent callers, texts of several
 * callers share batches.
 *
 * <p>The queue holds at most {@code capacity} texts; a caller waits for room (backpressure) and
 * fails with a {@link RetriableException} after {@value #ENQUEUE_TIMEOUT_SECONDS} seconds.
 */
final class MicroBatcher<T> implements AutoCloseable {

  static final long ENQUEUE_TIMEOUT_SECONDS = 60;

  /** Padding tokens per real token beyond which a batch of a quarter of the size or more ends. */
  static final double MAX_PADDING = 0.1;

  /** Padding tokens a batch may always have: a few tokens cost less than another model call. */
  static final int MIN_PADDING_TOKENS = 64;

  private final Function<List<T>, float[][]> model;
  private final ToIntFunction<T> length;
  private final int batchSize;
  private final int windowSize;
  private final long maxWaitNanos;
  private final int capacity;
  private final Semaphore queueRoom;
  private final BlockingQueue<List<Item<T>>> queue = new LinkedBlockingQueue<>();
  private final Semaphore idleRunners;
  private final ExecutorService runners;
  private final Thread gatherer;
  private volatile boolean closed;

  /**
   * @param model runs one batch: one vector per text, in order
   * @param length a text's token count
   * @param runners batches that may run at once
   * @param name used in thread names
   */
  MicroBatcher(
      Function<List<T>, float[][]> model,
      ToIntFunction<T> length,
      int batchSize,
      int windowSize,
      Duration maxWait,
      int capacity,
      int runners,
      String name) {
    this.model = model;
    this.length = length;
    this.batchSize = batchSize;
    this.windowSize = windowSize;
    this.maxWaitNanos = maxWait.toNanos();
    this.capacity = capacity;
    this.queueRoom = new Semaphore(capacity);
    this.idleRunners = new Semaphore(runners);
    this.runners = Executors.newFixedThreadPool(runners, daemonThreads("ragops-embed-" + name));
    this.gatherer = daemonThreads("ragops-embed-gather-" + name).newThread(this::gather);
    this.gatherer.start();
  }

  /**
   * Embeds the texts; returns one vector per text, in input order.
   *
   * @throws RetriableException if the queue stays full or the caller is interrupted
   * @throws NonRetriableException if the model fails on a batch holding one of the texts
   * @throws IllegalStateException if the batcher is closed
   */
  float[][] embed(List<T> texts) {
    Call call = new Call(texts.size());
    List<Item<T>> items = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      items.add(new Item<>(texts.get(i), i, length.applyAsInt(texts.get(i)), call));
    }
    items.sort(Comparator.comparingInt(item -> item.length()));
    for (List<Item<T>> piece : cut(items)) {
      enqueue(piece);
    }
    return call.await();
  }

  /** Texts waiting for the model. */
  int queueDepth() {
    return capacity - queueRoom.availablePermits();
  }

  private void enqueue(List<Item<T>> piece) {
    checkOpen();
    try {
      if (!queueRoom.tryAcquire(piece.size(), ENQUEUE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new RetriableException(
            "The embedding queue stayed full ("
                + capacity
                + " texts) for "
                + ENQUEUE_TIMEOUT_SECONDS
                + " s; raise ragops.embedder.queue-capacity or add embedders",
            null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while waiting for room in the embedding queue", e);
    }
    queue.add(piece);
    if (closed) {
      failQueued(); // close() may have drained the queue before this piece arrived
    }
  }

  private void gather() {
    try {
      while (!closed) {
        idleRunners.acquire();
        List<Item<T>> window;
        try {
          window = nextWindow();
        } catch (InterruptedException e) {
          idleRunners.release();
          throw e;
        }
        dispatch(window);
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  private List<Item<T>> nextWindow() throws InterruptedException {
    List<Item<T>> window = new ArrayList<>(queue.take());
    long deadline = System.nanoTime() + maxWaitNanos;
    while (window.size() < windowSize) {
      List<Item<T>> next = queue.poll();
      if (next == null) {
        long left = deadline - System.nanoTime();
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          break;
        }
      }
      window.addAll(next);
    }
    queueRoom.release(window.size());
    return window;
  }

  /** Runs the window in batches; the caller holds one idle runner already. */
  private void dispatch(List<Item<T>> window) throws InterruptedException {
    window.sort(Comparator.comparingInt(item -> item.length()));
    List<List<Item<T>>> batches = cut(window);
    for (int b = 0; b < batches.size(); b++) {
      List<Item<T>> batch = batches.get(b);
      try {
        if (b > 0) {
          idleRunners.acquire();
        }
      } catch (InterruptedException e) {
        batches.subList(b, batches.size()).forEach(left -> fail(left, closedException()));
        throw e;
      }
      try {
        runners.execute(() -> run(batch));
      } catch (RejectedExecutionException e) {
        idleRunners.release();
        fail(batch, closedException());
      }
    }
  }

  /**
   * Cuts texts sorted by length into batches of at most {@code batchSize}. A batch that already
   * holds a quarter of that also ends where the next text would raise its padding above {@value
   * #MAX_PADDING} of its real tokens and above {@value #MIN_PADDING_TOKENS} tokens: on a CPU a
   * smaller batch costs little, padding costs in full. The cut depends only on the texts from a
   * batch's start, so cutting a caller's texts alone and cutting a window made of its pieces give
   * the same batches.
   */
  private List<List<Item<T>>> cut(List<Item<T>> sorted) {
    int minRows = Math.max(1, batchSize / 4);
    List<List<Item<T>>> batches = new ArrayList<>();
    int start = 0;
    long real = 0;
    for (int i = 0; i < sorted.size(); i++) {
      int rows = i - start;
      long width = sorted.get(i).length();
      boolean full = rows == batchSize;
      long padding = (rows + 1) * width - real - width;
      boolean wasteful =
          rows >= minRows && padding > MIN_PADDING_TOKENS && padding > MAX_PADDING * (real + width);
      if (rows > 0 && (full || wasteful)) {
        batches.add(sorted.subList(start, i));
        start = i;
        real = 0;
      }
      real += width;
    }
    if (start < sorted.size()) {
      batches.add(sorted.subList(start, sorted.size()));
    }
    return batches;
  }

  private void run(List<Item<T>> batch) {
    try {
      float[][] vectors = model.apply(batch.stream().map(item -> item.text()).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).call().complete(batch.get(i).index(), vectors[i]);
      }
    } catch (RuntimeException | Error e) {
      fail(batch, e);
    } finally {
      idleRunners.release();
    }
  }

  private static <T> void fail(List<Item<T>> items, Throwable failure) {
    items.forEach(item -> item.call().fail(failure));
  }

  private void failQueued() {
    List<List<Item<T>>> left = new ArrayList<>();
    queue.drainTo(left);
    for (List<Item<T>> piece : left) {
      queueRoom.release(piece.size());
      fail(piece, closedException());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private static IllegalStateException closedException() {
    return new IllegalStateException("The embedder is closed");
  }

  /** Stops taking texts, lets running batches finish and fails the texts still queued. */
  @Override
  public void close() {
    closed = true;
    gatherer.interrupt();
    try {
      gatherer.join(TimeUnit.SECONDS.toMillis(10));
      runners.shutdown();
      runners.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One text of a call, with its place in the call's input and its token count. */
  private record Item<T>(T text, int index, int length, Call call) {}

  /** One caller's texts: done when every text has a vector or a failure. */
  private static final class Call {
    private final float[][] vectors;
    private final CountDownLatch remaining;
    private volatile Throwable failure;

    Call(int size) {
      vectors = new float[size][];
      remaining = new CountDownLatch(size);
    }

    void complete(int index, float[] vector) {
      vectors[index] = vector;
      remaining.countDown();
    }

    void fail(Throwable cause) {
      if (failure == null) {
        failure = cause;
      }
      remaining.countDown();
    }

    float[][] await() {
      try {
        remaining.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetriableException("Interrupted while waiting for embeddings", e);
      }
      Throwable cause = failure;
      if (cause == null) {
        return vectors;
      }
      if (cause instanceof IllegalStateException closedNow) {
        throw new IllegalStateException(closedNow.getMessage(), closedNow);
      }
      if (cause instanceof RetriableException) {
        throw new RetriableException("Embedding failed: " + cause.getMessage(), cause);
      }
      if (cause instanceof RuntimeException) {
        throw new NonRetriableException("Embedding failed: " + cause.getMessage(), cause);
      }
      throw (Error) cause;
    }
  }
}
