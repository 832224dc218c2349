package io.tessera.aggregation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.engine.open.OpenStateBudget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The aggregation-service's meters (Prometheus names in {@code docs/aggregation.md}): what became
 * of each record, consumer lag, and the open state's size.
 */
public final class AggregationMetrics {
  private final MeterRegistry registry;
  // by view, then outcome: no key is built per record (a concatenation was, and hashed afresh)
  private final Map<String, Map<String, Counter>> events = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();

  public AggregationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts a record by outcome: {@code applied}, {@code duplicate}, {@code backfilled}, {@code
   * replayed}, {@code marker}, {@code too_late}, {@code unknown_view}...
   */
  public void event(String view, String outcome) {
    Map<String, Counter> byOutcome = events.computeIfAbsent(view, v -> new ConcurrentHashMap<>());
    Counter counter = byOutcome.get(outcome); // first: registering captures both names
    if (counter == null) {
      counter =
          byOutcome.computeIfAbsent(
              outcome,
              key ->
                  Counter.builder("tessera.aggregation.events")
                      .tag("view", view)
                      .tag("outcome", outcome)
                      .register(registry));
    }
    counter.increment();
  }

  public void lag(int partition, long lag) {
    lagByPartition
        .computeIfAbsent(
            partition,
            p -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder("tessera.aggregation.partition.lag", value, AtomicLong::get)
                  .tag("partition", Integer.toString(p))
                  .register(registry);
              return value;
            })
        .set(lag);
  }

  /**
   * The owner's open state (all owned partitions): its estimated heap, its budget and the raw
   * events spilled past it.
   */
  public void openStateGauges(OpenStateBudget budget) {
    Gauge.builder("tessera.aggregation.open.bytes", budget, OpenStateBudget::heldBytes)
        .description("estimated heap bytes of the open state")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("tessera.aggregation.open.budget", budget, OpenStateBudget::maxBytes)
        .description("the open state's heap budget; past it raw events spill to files")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("tessera.aggregation.open.spilled", budget, OpenStateBudget::spilledBytes)
        .description("bytes of raw events of open minutes in spill files")
        .baseUnit("bytes")
        .register(registry);
  }
}
