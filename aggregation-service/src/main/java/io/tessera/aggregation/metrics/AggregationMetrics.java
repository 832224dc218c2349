package io.tessera.aggregation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The aggregation-service's meters (Prometheus names in {@code docs/aggregation.md}): what became
 * of each record, consumer lag, and the open state's size.
 */
public final class AggregationMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> events = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();

  public AggregationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts a record by outcome: {@code applied}, {@code duplicate}, {@code replayed}, {@code
   * marker}, {@code too_late}, {@code unknown_view}...
   */
  public void event(String view, String outcome) {
    events
        .computeIfAbsent(
            view + '\0' + outcome,
            key ->
                Counter.builder("tessera.aggregation.events")
                    .tag("view", view)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
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
   * The owner's open state: its estimated heap bytes over the owned partitions (what a memory
   * budget would bound; not enforced yet).
   */
  public void openStateGauge(Supplier<Number> openBytes) {
    // A strong reference: the supplier is a lambda nobody else holds, and a weakly held gauge
    // state is collected at the first GC (the gauge then reads NaN).
    Gauge.builder("tessera.aggregation.open.bytes", openBytes, s -> s.get().doubleValue())
        .description("estimated heap bytes of the open state")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);
  }
}
