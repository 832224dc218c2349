package io.tessera.serving.online;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The serving path's meters: request latency and each step's ({@code tessera.serving.step}, tag
 * {@code step}: resolve, validate, plan, read, merge, finish), with p50/p95/p99/p999, and values
 * served by status ({@code tessera.serving.values}).
 */
public final class ServingMetrics {
  private static final double[] PERCENTILES = {0.5, 0.95, 0.99, 0.999};

  private final Timer single;
  private final Timer batch;
  private final Map<Step, Timer> steps = new EnumMap<>(Step.class);
  private final Map<ValueStatus, Counter> byStatus = new EnumMap<>(ValueStatus.class);

  /** The named steps of a request. */
  public enum Step {
    RESOLVE,
    VALIDATE,
    PLAN,
    READ,
    MERGE,
    FINISH
  }

  public ServingMetrics(MeterRegistry registry) {
    single = requestTimer(registry, "single");
    batch = requestTimer(registry, "batch");
    for (Step step : Step.values()) {
      steps.put(
          step,
          Timer.builder("tessera.serving.step")
              .description("time in one step of the serving path")
              .tag("step", step.name().toLowerCase(java.util.Locale.ROOT))
              .publishPercentiles(PERCENTILES)
              .register(registry));
    }
    for (ValueStatus status : ValueStatus.values()) {
      byStatus.put(
          status,
          Counter.builder("tessera.serving.values")
              .description("values served, by status")
              .tag("status", status.jsonName())
              .register(registry));
    }
  }

  private static Timer requestTimer(MeterRegistry registry, String kind) {
    return Timer.builder("tessera.serving.request")
        .description("feature requests, from resolve to the last value")
        .tag("kind", kind)
        .publishPercentiles(PERCENTILES)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(0).plusNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(2))
        .register(registry);
  }

  void request(boolean isBatch, long nanos) {
    (isBatch ? batch : single).record(nanos, TimeUnit.NANOSECONDS);
  }

  void step(Step step, long nanos) {
    steps.get(step).record(nanos, TimeUnit.NANOSECONDS);
  }

  void served(ValueStatus status, int count) {
    byStatus.get(status).increment(count);
  }
}
