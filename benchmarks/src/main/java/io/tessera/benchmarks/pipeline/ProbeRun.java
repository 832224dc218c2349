package io.tessera.benchmarks.pipeline;

import io.tessera.e2e.freshness.FreshnessProbe;
import io.tessera.e2e.load.KafkaSink;
import io.tessera.e2e.load.RandomEvents;
import io.tessera.e2e.load.SourceEvent;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import org.HdrHistogram.Histogram;

/**
 * Freshness probes of one read path on a thread of their own: a warm-up whose probes are thrown
 * away, then probes one after another until the measurement ends. Each probe event's production
 * time is kept by id, so the ingest share of freshness can be told apart (see {@link
 * #producedAtMs}).
 */
final class ProbeRun {

  final String name;
  final String entity;
  private final KafkaSink sink;
  private final LongPredicate readable;
  private final RandomEvents events;
  private final Map<String, Long> producedAtMs = new ConcurrentHashMap<>();
  private volatile FreshnessProbe probe;
  private Thread thread;

  /**
   * @param readableFactory the read path, given the probe entity
   */
  ProbeRun(
      String name,
      String view,
      String entity,
      KafkaSink sink,
      java.util.function.Function<String, LongPredicate> readableFactory) {
    this.name = name;
    this.entity = entity;
    this.sink = sink;
    this.readable = readableFactory.apply(entity);
    this.events =
        new RandomEvents(
            view,
            name,
            1,
            RandomEvents.Mix.ON_TIME_ONLY,
            e -> OptionalLong.empty(),
            name.hashCode());
  }

  /** Probes for {@code warmUp} (discarded), then for {@code measure}. */
  ProbeRun start(Duration warmUp, Duration measure) {
    thread =
        new Thread(
            () -> {
              // every probe counts its own events: a new probe starts again at one
              long[] seen = {0};
              LongPredicate cumulative = expected -> readable.test(seen[0] + expected);
              probe = new FreshnessProbe(sink, this::probeEvent, cumulative);
              long warmUntil = System.nanoTime() + warmUp.toNanos();
              while (System.nanoTime() < warmUntil) {
                probe.probeOnce();
              }
              seen[0] += probe.micros().getTotalCount();
              producedAtMs.clear();
              probe = new FreshnessProbe(sink, this::probeEvent, cumulative);
              long until = System.nanoTime() + measure.toNanos();
              while (System.nanoTime() < until) {
                probe.probeOnce();
              }
            },
            "probe-" + name);
    thread.start();
    return this;
  }

  private SourceEvent probeEvent(long nowMs) {
    SourceEvent event = events.onTime(entity, nowMs);
    producedAtMs.put(event.eventId(), nowMs);
    return event;
  }

  void join() throws InterruptedException {
    thread.join();
  }

  Histogram micros() {
    return probe.micros();
  }

  long lost() {
    return probe.lost();
  }

  /** Production wall time of each measured probe event, by event id. */
  Map<String, Long> producedAtMs() {
    return Map.copyOf(producedAtMs);
  }
}
