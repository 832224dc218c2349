package io.tessera.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest meters, in one place so their names and tags stay consistent. Rates (events per
 * second) come from the counters; Prometheus computes them with {@code rate()}.
 *
 * <ul>
 *   <li>{@code tessera.ingest.events.in{view,source}}: raw events read and handled;
 *   <li>{@code tessera.ingest.events.out{view,source}}: normalized events published;
 *   <li>{@code tessera.ingest.events.filtered{view,source}}: events the view's filter skipped;
 *   <li>{@code tessera.ingest.dead.letters{view,source,reason}}: dead letters published;
 *   <li>{@code tessera.ingest.kafka.lag{view}}: records behind the end of the source topic;
 *   <li>{@code tessera.ingest.kinesis.millis.behind.latest{view,shard}}: as Kinesis reports it;
 *   <li>{@code tessera.ingest.watermark.lag{view}} (seconds; Prometheus {@code
 *       tessera_ingest_watermark_lag_seconds}): the wall clock minus the newest watermark this
 *       instance published for the view, computed when scraped, so a stuck watermark shows as a
 *       growing lag; NaN once the view is no longer read here.
 * </ul>
 */
public final class IngestMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> watermarks = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void recordBatch(String view, String source, BatchResult result) {
    counter("tessera.ingest.events.in", view, source).increment(result.total());
    counter("tessera.ingest.events.out", view, source).increment(result.normalized());
    counter("tessera.ingest.events.filtered", view, source).increment(result.filtered());
  }

  void recordDeadLetter(String view, String source, String reason) {
    Counter.builder("tessera.ingest.dead.letters")
        .description("events that went to the dead-letter topic")
        .tag("view", view)
        .tag("source", source)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void kafkaLag(String view, long records) {
    gauge("tessera.ingest.kafka.lag", "view", view, "", "").set(records);
  }

  public void kinesisMillisBehind(String view, String shard, long millis) {
    gauge("tessera.ingest.kinesis.millis.behind.latest", "view", view, "shard", shard).set(millis);
  }

  /** The view's newest published watermark, epoch ms. */
  public void watermark(String view, long watermarkMs) {
    watermarkHolder(view).set(watermarkMs);
  }

  /** This instance no longer publishes a watermark for the view. */
  public void watermarkRetired(String view) {
    watermarkHolder(view).set(Long.MIN_VALUE);
  }

  private AtomicLong watermarkHolder(String view) {
    return watermarks.computeIfAbsent(
        view,
        key -> {
          AtomicLong watermarkMs = new AtomicLong(Long.MIN_VALUE);
          Gauge.builder(
                  "tessera.ingest.watermark.lag",
                  watermarkMs,
                  w ->
                      w.get() == Long.MIN_VALUE
                          ? Double.NaN
                          : (System.currentTimeMillis() - w.get()) / 1000.0)
              .description("wall clock minus the newest watermark published for the view")
              .baseUnit("seconds")
              .tag("view", view)
              .register(registry);
          return watermarkMs;
        });
  }

  private Counter counter(String name, String view, String source) {
    return Counter.builder(name).tag("view", view).tag("source", source).register(registry);
  }

  private AtomicLong gauge(String name, String tag1, String value1, String tag2, String value2) {
    String id = name + '\0' + value1 + '\0' + value2;
    return gauges.computeIfAbsent(
        id,
        key -> {
          AtomicLong value = new AtomicLong();
          Gauge.Builder<AtomicLong> builder =
              Gauge.builder(name, value, AtomicLong::get).tag(tag1, value1);
          if (!tag2.isEmpty()) {
            builder.tag(tag2, value2);
          }
          builder.register(registry);
          return value;
        });
  }
}
