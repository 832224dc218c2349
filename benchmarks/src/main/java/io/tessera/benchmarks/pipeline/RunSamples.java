package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.metrics.Actuator;
import io.tessera.benchmarks.stack.BenchmarkStack;
import io.tessera.harness.kafka.ConsumerLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A run's state every {@link #EVERY}, on a thread of its own: what was produced and normalized
 * (Kafka end offsets), how far the owner and the follower are behind (their own lag gauges: end
 * offset minus the consumer's position, summed over partitions), their heaps and open-state bytes,
 * and the events the owner applied. The lag and heap charts and the "not growing" verdicts come
 * from these samples.
 */
final class RunSamples implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(5);

  /** One sample; NaN where a service did not answer. */
  record Sample(
      double seconds,
      long produced,
      long normalized,
      double ownerLag,
      double followerLag,
      double ownerHeap,
      double followerHeap,
      double ownerOpenBytes,
      double followerOpenBytes,
      double ownerSpilledBytes,
      double followerSpilledBytes,
      double applied) {}

  private final ConsumerLag source;
  private final ConsumerLag normalized;
  private final Actuator owner;
  private final Actuator follower;
  private final List<Sample> samples = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private volatile boolean running = true;

  RunSamples(BenchmarkStack stack, ConsumerLag source, ConsumerLag normalized) {
    this.source = source;
    this.normalized = normalized;
    this.owner = stack.aggregationMeters();
    this.follower = stack.servingMeters();
    this.thread = new Thread(this::run, "run-samples");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      Sample sample = sample();
      synchronized (samples) {
        samples.add(sample);
      }
      try {
        Thread.sleep(EVERY.toMillis()); // pacing
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  Sample sample() {
    return new Sample(
        (System.nanoTime() - startNanos) / 1e9,
        sum(source.endOffsets().values()),
        sum(normalized.endOffsets().values()),
        owner.value("tessera.aggregation.partition.lag"),
        follower.value("tessera.serving.follower.lag"),
        owner.heapUsed(),
        follower.heapUsed(),
        owner.value("tessera.aggregation.open.bytes"),
        follower.value("tessera.serving.open.bytes"),
        owner.value("tessera.aggregation.open.spilled"),
        follower.value("tessera.serving.open.spilled"),
        owner.value("tessera.aggregation.events", "outcome:applied"));
  }

  private static long sum(java.util.Collection<Long> offsets) {
    return offsets.stream().mapToLong(Long::longValue).sum();
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** {@code {seconds, value}} points of one field, for a chart. */
  List<double[]> series(ToDoubleFunction<Sample> field) {
    return samples().stream().map(s -> new double[] {s.seconds(), field.applyAsDouble(s)}).toList();
  }

  /** Per-second rate of a cumulative field between consecutive samples. */
  List<double[]> rate(ToDoubleFunction<Sample> cumulative) {
    List<Sample> all = samples();
    List<double[]> rates = new ArrayList<>();
    for (int i = 1; i < all.size(); i++) {
      double dt = all.get(i).seconds() - all.get(i - 1).seconds();
      rates.add(
          new double[] {
            all.get(i).seconds(),
            (cumulative.applyAsDouble(all.get(i)) - cumulative.applyAsDouble(all.get(i - 1))) / dt
          });
    }
    return rates;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
