package dev.ragops.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.NonRetriableException;
import dev.ragops.testkit.TestSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batcher on its own, with a model that returns each text's length as its vector: texts are
 * {@code Integer} token counts, so batches, order and padding are easy to see.
 */
class MicroBatcherTest {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  /** Every batch the model was called with, in call order. */
  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

  private final Function<List<Integer>, float[][]> model =
      batch -> {
        batches.add(batch);
        return batch.stream().map(length -> new float[] {length}).toArray(float[][]::new);
      };

  private MicroBatcher<Integer> batcher(
      Function<List<Integer>, float[][]> model, Duration maxWait, int capacity, int runners) {
    return new MicroBatcher<>(model, Integer::intValue, 4, 16, maxWait, capacity, runners, "test");
  }

  @Test
  void returnsVectorsInInputOrder() {
    try (var batcher = batcher(model, Duration.ofMillis(2), 64, 2)) {
      float[][] vectors = batcher.embed(List.of(5, 1, 9, 3, 7, 2));

      assertThat(vectors).isDeepEqualTo(new float[][] {{5}, {1}, {9}, {3}, {7}, {2}});
    }
  }

  @Test
  void aLoneCallerGetsItsTextsSortedIntoTheSameBatchesEveryTime() {
    Random random = new Random(SEED.value());
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lengths.add(1 + random.nextInt(100));
    }
    List<Integer> sorted = new ArrayList<>(lengths);
    Collections.sort(sorted);

    try (var batcher = batcher(model, Duration.ofMillis(20), 64, 2)) {
      batcher.embed(lengths);
      List<List<Integer>> first = List.copyOf(batches);
      assertThat(first.stream().flatMap(List::stream).sorted().toList()).isEqualTo(sorted);
      for (List<Integer> batch : first) {
        assertThat(batch).as("seed %s", SEED).isSorted().hasSizeLessThanOrEqualTo(4);
      }
      for (int round = 0; round < 3; round++) {
        batches.clear();
        batcher.embed(lengths);
        assertThat(batches).as("seed %s", SEED).containsExactlyInAnyOrderElementsOf(first);
      }
    }
  }

  @Test
  void endsABatchEarlyRatherThanPadShortTextsToALongOne() {
    try (var batcher = batcher(model, Duration.ofMillis(2), 64, 1)) {
      batcher.embed(List.of(100, 10, 11, 10, 12, 95, 96, 97));

      assertThat(batches)
          .containsExactlyInAnyOrder(List.of(10, 10, 11, 12), List.of(95, 96, 97, 100));
      batches.clear();

      batcher.embed(List.of(10, 10, 10, 100));

      assertThat(batches).containsExactlyInAnyOrder(List.of(10, 10, 10), List.of(100));
    }
  }

  @Test
  void gathersTextsOfConcurrentCallersIntoWellFilledBatches() throws Exception {
    // one runner that is busy while 8 callers queue one text each: the next window holds them all
    CountDownLatch firstBatchRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Function<List<Integer>, float[][]> slowFirst =
        batch -> {
          if (batches.isEmpty()) {
            firstBatchRunning.countDown();
            await(release);
          }
          return model.apply(batch);
        };
    try (var batcher = batcher(slowFirst, Duration.ofMillis(2), 64, 1);
        ExecutorService callers = Executors.newFixedThreadPool(9)) {
      Future<float[][]> first = callers.submit(() -> batcher.embed(List.of(50)));
      assertThat(firstBatchRunning.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<float[][]>> waiting = new ArrayList<>();
      for (int length : List.of(10, 90, 11, 91, 12, 92, 13, 93)) {
        waiting.add(callers.submit(() -> batcher.embed(List.of(length))));
      }
      while (batcher.queueDepth() < 8) {
        Thread.sleep(1);
      }
      release.countDown();

      assertThat(first.get()[0]).containsExactly(50);
      for (Future<float[][]> call : waiting) {
        assertThat(call.get()).hasDimensions(1, 1);
      }
      assertThat(batches)
          .containsExactly(List.of(50), List.of(10, 11, 12, 13), List.of(90, 91, 92, 93));
      assertThat(batcher.queueDepth()).isZero();
    }
  }

  @Test
  void blocksCallersWhileTheQueueIsFull() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Function<List<Integer>, float[][]> stuck =
        batch -> {
          running.countDown();
          await(release);
          return model.apply(batch);
        };
    try (var batcher = batcher(stuck, Duration.ZERO, 4, 1);
        ExecutorService callers = Executors.newFixedThreadPool(3)) {
      // the only runner takes 4 texts and hangs; 4 more fill the queue; the last 4 must wait
      Future<float[][]> first = callers.submit(() -> batcher.embed(List.of(1, 1, 1, 1)));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      Future<float[][]> queued = callers.submit(() -> batcher.embed(List.of(2, 2, 2, 2)));
      while (batcher.queueDepth() < 4) {
        Thread.sleep(1);
      }
      Future<float[][]> blocked = callers.submit(() -> batcher.embed(List.of(3, 3, 3, 3)));
      Thread.sleep(200);

      assertThat(batcher.queueDepth()).isEqualTo(4);
      assertThat(blocked).isNotDone();

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).hasDimensions(4, 1);
      assertThat(queued.get(10, TimeUnit.SECONDS)).hasDimensions(4, 1);
      assertThat(blocked.get(10, TimeUnit.SECONDS)).hasDimensions(4, 1);
    }
  }

  @Test
  void aFailingBatchFailsItsCallersOnly() {
    Function<List<Integer>, float[][]> failsOnZero =
        batch -> {
          if (batch.contains(0)) {
            throw new NonRetriableException("model failed");
          }
          return model.apply(batch);
        };
    try (var batcher = batcher(failsOnZero, Duration.ZERO, 64, 1)) {
      assertThatThrownBy(() -> batcher.embed(List.of(0, 1)))
          .isInstanceOf(NonRetriableException.class)
          .hasRootCauseMessage("model failed");
      assertThat(batcher.embed(List.of(1, 2))).hasDimensions(2, 1);
    }
  }

  @Test
  void refusesTextsAfterClose() {
    var batcher = batcher(model, Duration.ZERO, 64, 1);
    batcher.close();

    assertThatThrownBy(() -> batcher.embed(List.of(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
