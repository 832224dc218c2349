package io.tessera.benchmarks.pipeline;

import io.tessera.harness.load.KafkaSink;
import io.tessera.harness.load.RandomEvents;
import io.tessera.harness.load.SourceEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Freshness, open loop: probe events are produced at a fixed rate whatever the pipeline does, each
 * timed from its <em>intended</em> send time until a REST read of a serving follower counts it. A
 * stalled pipeline therefore shows as the queue of probes it builds, not as fewer, slower probes
 * (coordinated omission). Probes go round-robin to {@link #PROBE_ENTITIES} entities of their own,
 * so an entity's served count says how many of its probes are in; every pending entity is read in
 * one request, pausing a tenth of the oldest probe's wait between reads (1 to 50 ms) so the probe
 * does not load the follower it measures.
 */
final class FreshnessProbes implements AutoCloseable {
  static final int PROBE_ENTITIES = 64;

  /** A probe not served by then is recorded at this value and counted as never served. */
  static final Duration GIVE_UP = Duration.ofSeconds(30);

  private record Pending(long expectedCount, long intendedNanos, String eventId) {}

  private final KafkaSink sink;
  private final ServedCounts served;
  private final RandomEvents events;
  private final String[] entities = new String[PROBE_ENTITIES];
  private final long[] sent = new long[PROBE_ENTITIES];
  private final List<ArrayDeque<Pending>> pending = new ArrayList<>();
  private final double perSecond;
  private final Histogram micros = new Histogram(GIVE_UP.toNanos() / 1000, 3);
  // the same, by the ten seconds of the wall-clock minute the probe was due in: minutes seal once a
  // minute, so a stall that comes with sealing shows as one slow part of the minute
  private final Histogram[] microsByPartOfMinute = new Histogram[6];
  private final long wallMsAtStart = System.currentTimeMillis();
  private final long nanosAtStart = System.nanoTime();
  private final Map<String, Long> producedAtMs = new ConcurrentHashMap<>();
  private volatile long measureFromNanos = Long.MAX_VALUE;
  private volatile long measureUntilNanos = Long.MAX_VALUE;
  private volatile boolean sending = true;
  private long lost;
  private long reads;
  private Thread sender;
  private Thread reader;

  /**
   * @param perSecond probes per second
   */
  FreshnessProbes(PipelineView view, URI servingBase, double perSecond) {
    this.sink = view.sink();
    this.served = new ServedCounts(servingBase, view.view);
    this.events =
        new RandomEvents(
            view.view, "probe", 1, RandomEvents.Mix.ON_TIME_ONLY, e -> OptionalLong.empty(), 7);
    this.perSecond = perSecond;
    for (int i = 0; i < PROBE_ENTITIES; i++) {
      entities[i] = view.view + "_probe" + i;
      pending.add(new ArrayDeque<>());
    }
  }

  /** Probes from now on; those intended in {@code [now + warmUp, now + warmUp + measure)} count. */
  FreshnessProbes start(Duration warmUp, Duration measure) {
    long now = System.nanoTime();
    measureFromNanos = now + warmUp.toNanos();
    measureUntilNanos = measureFromNanos + measure.toNanos();
    sender = new Thread(this::send, "freshness-probe-sender");
    reader = new Thread(this::read, "freshness-probe-reader");
    sender.start();
    reader.start();
    return this;
  }

  private void send() {
    long start = System.nanoTime();
    double intervalNanos = 1e9 / perSecond;
    for (long i = 0; sending && start + (long) (i * intervalNanos) < measureUntilNanos; i++) {
      long intended = start + (long) (i * intervalNanos);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int slot = (int) (i % PROBE_ENTITIES);
      long wallMs = System.currentTimeMillis();
      SourceEvent event = events.onTime(entities[slot], wallMs);
      producedAtMs.put(event.eventId(), wallMs);
      synchronized (pending) {
        pending.get(slot).addLast(new Pending(++sent[slot], intended, event.eventId()));
      }
      sink.send(event); // asynchronous: the producer's linger is 2 ms
    }
    sink.flush();
  }

  private void read() {
    while (sender.isAlive() || anyPending()) {
      List<Integer> slots = new ArrayList<>();
      long oldest = Long.MAX_VALUE;
      synchronized (pending) {
        for (int i = 0; i < PROBE_ENTITIES; i++) {
          if (!pending.get(i).isEmpty()) {
            slots.add(i);
            oldest = Math.min(oldest, pending.get(i).peekFirst().intendedNanos());
          }
        }
      }
      if (slots.isEmpty()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        continue;
      }
      List<String> asked = slots.stream().map(i -> entities[i]).toList();
      Map<String, Long> counts = served.read(asked);
      reads++;
      long now = System.nanoTime();
      synchronized (pending) {
        for (int slot : slots) {
          long count = counts.getOrDefault(entities[slot], -1L);
          ArrayDeque<Pending> queue = pending.get(slot);
          while (!queue.isEmpty()
              && (queue.peekFirst().expectedCount() <= count
                  || now - queue.peekFirst().intendedNanos() > GIVE_UP.toNanos())) {
            Pending probe = queue.removeFirst();
            boolean served = probe.expectedCount() <= count;
            record(probe, served ? now : probe.intendedNanos() + GIVE_UP.toNanos(), served);
          }
        }
      }
      long waited = now - oldest;
      LockSupport.parkNanos(
          Math.max(
              TimeUnit.MILLISECONDS.toNanos(1),
              Math.min(TimeUnit.MILLISECONDS.toNanos(50), waited / 10)));
    }
  }

  private void record(Pending probe, long seenNanos, boolean served) {
    if (probe.intendedNanos() < measureFromNanos || probe.intendedNanos() >= measureUntilNanos) {
      producedAtMs.remove(probe.eventId());
      return;
    }
    long latencyMicros =
        Math.min(micros.getHighestTrackableValue(), (seenNanos - probe.intendedNanos()) / 1000);
    micros.recordValue(latencyMicros);
    long dueWallMs = wallMsAtStart + (probe.intendedNanos() - nanosAtStart) / 1_000_000;
    int part = (int) ((dueWallMs / 1000) % 60 / 10);
    if (microsByPartOfMinute[part] == null) {
      microsByPartOfMinute[part] = new Histogram(micros.getHighestTrackableValue(), 3);
    }
    microsByPartOfMinute[part].recordValue(latencyMicros);
    if (!served) {
      lost++;
    }
  }

  private boolean anyPending() {
    synchronized (pending) {
      return pending.stream().anyMatch(queue -> !queue.isEmpty());
    }
  }

  /** Waits until every probe was served or given up. */
  void join() throws InterruptedException {
    sender.join();
    reader.join();
  }

  /** Intended send to served, microseconds, of the measured probes. */
  Histogram micros() {
    return micros;
  }

  /**
   * The measured probes' latencies by the ten seconds of the wall-clock minute they were due in
   * ({@code ":00-:09"} to {@code ":50-:59"}), those with probes.
   */
  Map<String, Histogram> microsByPartOfMinute() {
    Map<String, Histogram> parts = new LinkedHashMap<>();
    for (int part = 0; part < microsByPartOfMinute.length; part++) {
      if (microsByPartOfMinute[part] != null) {
        parts.put(
            String.format("due at :%02d–:%02d", part * 10, part * 10 + 9),
            microsByPartOfMinute[part]);
      }
    }
    return parts;
  }

  /** Measured probes never served within {@link #GIVE_UP}. */
  long lost() {
    return lost;
  }

  /** REST reads the probes made (the load they put on the follower). */
  long reads() {
    return reads;
  }

  /** Production wall time of each measured probe event, by id (the ingest share). */
  Map<String, Long> producedAtMs() {
    return Map.copyOf(producedAtMs);
  }

  static String describe(double perSecond) {
    return String.format(
        "%.0f probe events/s (open loop) round-robin over %d probe entities; each timed from its"
            + " intended send time until a REST read of the serving follower"
            + " (`POST /api/v1/features`, every pending probe entity in one request) counts it,"
            + " including that read; not served within %d s counts as %d s and as never served",
        perSecond, PROBE_ENTITIES, GIVE_UP.toSeconds(), GIVE_UP.toSeconds());
  }

  @Override
  public void close() {
    sending = false;
    sink.close();
  }
}
