package io.tessera.aggregation.backfill;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backfill worker's meters, tagged by view (names in {@code docs/backfill.md}). Counts are
 * counters fed the growth of each running backfill's counts at every status, so Prometheus' {@code
 * rate()} gives rows and events per second across backfills and restarts.
 */
final class BackfillMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

  BackfillMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Adds what a backfill of {@code view} did between two of its statuses. */
  void grew(String view, BackfillCounts before, BackfillCounts now) {
    add("tessera.backfill.rows.read", view, now.rowsRead() - before.rowsRead());
    add("tessera.backfill.rows.rejected", view, now.rowsRejected() - before.rowsRejected());
    add("tessera.backfill.events", view, now.eventsRead() - before.eventsRead());
    add("tessera.backfill.events.applied", view, now.eventsApplied() - before.eventsApplied());
    add("tessera.backfill.units.done", view, now.unitsDone() - before.unitsDone());
  }

  void started(String view) {
    runningOf(view).incrementAndGet();
  }

  /**
   * @param ran whether it had {@link #started} (a cancel may end a backfill still queued)
   */
  void ended(String view, BackfillState state, boolean ran) {
    if (ran) {
      runningOf(view).decrementAndGet();
    }
    counter("tessera.backfill.ended", view, state.code()).increment();
  }

  private AtomicInteger runningOf(String view) {
    return running.computeIfAbsent(
        view,
        v -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("tessera.backfill.running", value, AtomicInteger::get)
              .description("backfills of the view running on this instance")
              .tag("view", v)
              .register(registry);
          return value;
        });
  }

  private void add(String name, String view, long amount) {
    if (amount > 0) {
      counter(name, view, null).increment(amount);
    }
  }

  private Counter counter(String name, String view, String state) {
    return counters.computeIfAbsent(
        name + '\0' + view + '\0' + state,
        key -> {
          Counter.Builder builder = Counter.builder(name).tag("view", view);
          return (state == null ? builder : builder.tag("state", state)).register(registry);
        });
  }
}
