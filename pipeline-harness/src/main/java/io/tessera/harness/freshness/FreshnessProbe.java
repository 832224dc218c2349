package io.tessera.harness.freshness;

import io.tessera.harness.load.EventSink;
import io.tessera.harness.load.SourceEvent;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.HdrHistogram.Histogram;

/**
 * Produces one probe event at a time for a probe entity and polls a read until it counts that
 * event, recording produce-to-readable in microseconds. A probe's clock starts when the event is
 * handed to the producer (before the source acknowledges it) and stops when a read that started
 * after the event was produced sees it; so the figure includes one read's latency, as a client's
 * would.
 */
public final class FreshnessProbe {

  /** A probe not visible by then is recorded at this value and counted as lost. */
  private static final Duration GIVE_UP = Duration.ofSeconds(30);

  /**
   * The pause between two reads of one probe is a tenth of the time waited so far, between these
   * bounds: a probe that read back to back would itself load the store it measures (a read plan is
   * several queries, and a probe of a lagging pipeline reads for seconds), while the pause adds at
   * most a tenth (at least one millisecond) to a measurement.
   */
  static final Duration MIN_READ_PAUSE = Duration.ofMillis(1);

  static final Duration MAX_READ_PAUSE = Duration.ofMillis(50);

  private final EventSink sink;
  private final LongFunction<SourceEvent> probeEvent;
  private final LongPredicate readableCount;
  private long failedReads;
  private final Histogram micros = new Histogram(GIVE_UP.toNanos() / 1000, 3);
  private long probes;
  private long lost;

  /**
   * @param sink where probe events go (the view's source)
   * @param probeEvent an on-time event of the probe entity, at the given wall time
   * @param readableCount whether a read now sees at least this many probe events
   */
  public FreshnessProbe(
      EventSink sink, LongFunction<SourceEvent> probeEvent, LongPredicate readableCount) {
    this.sink = sink;
    this.probeEvent = probeEvent;
    this.readableCount = readableCount;
  }

  /** Sends one probe and waits until it is readable (or {@link #GIVE_UP}). */
  public long probeOnce() {
    long expected = ++probes;
    SourceEvent event = probeEvent.apply(System.currentTimeMillis());
    long start = System.nanoTime();
    sink.send(event);
    sink.flush();
    long deadline = start + GIVE_UP.toNanos();
    while (!readable(expected)) {
      if (System.nanoTime() > deadline) {
        lost++;
        micros.recordValue(GIVE_UP.toNanos() / 1000);
        return GIVE_UP.toNanos() / 1000;
      }
      long waitedNanos = System.nanoTime() - start;
      LockSupport.parkNanos(
          Math.max(MIN_READ_PAUSE.toNanos(), Math.min(MAX_READ_PAUSE.toNanos(), waitedNanos / 10)));
    }
    long elapsedMicros = (System.nanoTime() - start) / 1000;
    micros.recordValue(Math.min(elapsedMicros, micros.getHighestTrackableValue()));
    return elapsedMicros;
  }

  /**
   * Whether a read sees the probe; a read that fails (a store timeout under load) is "not yet": the
   * probe reads again until its deadline, so a slow read costs freshness instead of the probe.
   */
  private boolean readable(long expected) {
    try {
      return readableCount.test(expected);
    } catch (RuntimeException e) {
      failedReads++;
      return false;
    }
  }

  /** Reads that failed while probing (each was retried). */
  public long failedReads() {
    return failedReads;
  }

  /** Produce-to-readable, microseconds. */
  public Histogram micros() {
    return micros;
  }

  public long lost() {
    return lost;
  }

  /** {@code p50 12.3 ms, p99 45.6 ms, p99.9 ..., max ..., n probes}. */
  public String summary() {
    return String.format(
        "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms over %d probes (%d lost)",
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getValueAtPercentile(99.9) / 1000.0,
        micros.getMaxValue() / 1000.0,
        micros.getTotalCount(),
        lost);
  }
}
