package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.chart.Charts;
import io.tessera.benchmarks.profile.Measurement;
import io.tessera.benchmarks.run.BenchmarkArguments;
import io.tessera.benchmarks.run.BenchmarkMain;
import io.tessera.benchmarks.stack.BenchmarkStack;
import io.tessera.harness.kafka.TopicFollower;
import io.tessera.harness.load.StreamDriver;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.records.normalized.NormalizedKey;
import io.tessera.testsupport.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Freshness while 5,000 events/s stream over 100,000 Zipf-drawn entities: from the intended send of
 * a probe event to the source topic until a serving follower's REST answer counts it (open loop,
 * {@link FreshnessProbes}). Also the ingest share: until the normalized event reaches a consumer of
 * the normalized topic.
 *
 * <p>Usage: {@code FreshnessBenchmark OUTPUT.md [events/s] [measured seconds]}; {@code ./tessera
 * bench freshness [events/s] [seconds]} runs it.
 */
public final class FreshnessBenchmark {
  static final int DEFAULT_BACKGROUND_EVENTS_PER_SECOND = 5_000;
  static final int DEFAULT_MEASURE_SECONDS = 120;
  static final double PROBES_PER_SECOND = 20;
  static final Duration WARM_UP = Duration.ofSeconds(20);

  /**
   * How long the load may run before the probes start: until the owner and the follower are less
   * than a second of events behind (their lag gauges), at least {@link #WARM_UP}, at most this.
   */
  static final Duration MAX_SETTLE = Duration.ofMinutes(3);

  private static final double P50_TARGET_MS = 20;
  private static final double P99_TARGET_MS = 100;

  private FreshnessBenchmark() {}

  /** Runs the benchmark; the JVM exits when it ends, failed or not (no thread keeps it alive). */
  public static void main(String[] args) {
    BenchmarkMain.run("freshness", FreshnessBenchmark::run, args);
  }

  private static void run(BenchmarkArguments args) throws Exception {
    Path output = args.report();
    int rate = args.integer(1, DEFAULT_BACKGROUND_EVENTS_PER_SECOND);
    Duration measure = Duration.ofSeconds(args.whole(2, DEFAULT_MEASURE_SECONDS));
    String command = args.command();
    Path charts = output.toAbsolutePath().getParent();
    try (BenchmarkStack stack = new BenchmarkStack()) {
      PipelineView view = new PipelineView(stack);
      Map<String, Long> arrivedAtMs = new ConcurrentHashMap<>();
      String probePrefix = view.view + "_probe";
      try (TopicFollower normalized =
              new TopicFollower(
                  LocalStack.get().kafkaProperties(),
                  stack.names().normalizedTopic(),
                  record -> {
                    if (record.key() != null // a watermark or marker has none
                        && NormalizedKey.decode(record.key()).entityKey().startsWith(probePrefix)) {
                      arrivedAtMs.put(
                          NormalizedEventCodec.decode(record.value()).eventId(),
                          System.currentTimeMillis());
                    }
                  });
          StreamDriver background =
              new StreamDriver(
                  List.of(new StreamDriver.Stream(view.background(11), view.sink(), 1)),
                  rate,
                  StreamDriver.Bursts.NONE,
                  null);
          FreshnessProbes probes =
              new FreshnessProbes(view, stack.serving().uri("/"), PROBES_PER_SECOND)) {
        long settleStart = System.nanoTime();
        boolean settled = settle(stack, rate);
        long settleSeconds = (System.nanoTime() - settleStart) / 1_000_000_000L;
        Measurement measurement =
            Measurement.prepare(
                stack.pids(),
                Map.of(
                    "aggregation (owner)", stack.aggregation().pid(),
                    "serving (follower)", stack.serving().pid()),
                charts,
                "freshness");
        probes.start(WARM_UP, measure);
        Thread.sleep(WARM_UP.toMillis()); // pacing: the probes warm up meanwhile
        long sentBefore = background.sent();
        measurement.begin();
        probes.join();
        Measurement.Result result = measurement.stop();
        double backgroundRate = (background.sent() - sentBefore) / result.seconds();
        double ownerLag = stack.aggregationMeters().value("tessera.aggregation.partition.lag");
        double followerLag = stack.servingMeters().value("tessera.serving.follower.lag");

        Map<String, Histogram> histograms = new LinkedHashMap<>();
        histograms.put("produce → served by the follower (REST)", probes.micros());
        histograms.put(
            "ingest share: produce → normalized topic", ingestShare(probes, arrivedAtMs));
        Charts.distribution(
            charts.resolve("freshness-distribution.png"),
            String.format(
                "Freshness, open loop, %,d events/s background over %,d Zipf entities (load %s)",
                rate, PipelineView.ENTITIES, result.loadAfter()),
            histograms);

        PipelineReport report =
            new PipelineReport(
                "Freshness under load",
                command,
                "benchmarks/src/main/java/io/tessera/benchmarks/pipeline/FreshnessBenchmark.java",
                String.format(
                    "registry, ingest, aggregation (owner) and serving (follower) run as"
                        + " their exec jars against the local Kafka and Cassandra, while an"
                        + " open-loop generator produces %,d events/s to the view's Kafka topic"
                        + " (%s). %s. The load runs until the owner and the follower are less than"
                        + " a second of events behind (at most %d min), the probes warm up for %d"
                        + " s, then %d s are measured.",
                    rate,
                    PipelineView.describe(),
                    FreshnessProbes.describe(PROBES_PER_SECOND),
                    MAX_SETTLE.toMinutes(),
                    WARM_UP.toSeconds(),
                    measure.toSeconds()));
        report.load(result.loadBefore(), result.loadAfter());
        report.latencies(histograms, Map.of(histograms.keySet().iterator().next(), probes.lost()));
        report.image("freshness distribution", "freshness-distribution.png");
        report.paragraph(
            "The same probes by the ten seconds of the wall-clock minute they were due in: the"
                + " view's minutes seal once a minute (when its watermark passes a minute's end"
                + " plus the lateness), so a stall that comes with sealing shows in one row.");
        report.latencies(probes.microsByPartOfMinute(), Map.of());
        report.paragraph(
            String.format(
                "%s Background load achieved: %,.0f events/s. When the measurement ended the owner"
                    + " was %,.0f records behind the normalized topic's end and the follower"
                    + " %,.0f. The probes made %,d REST reads.",
                settled
                    ? "The load ran " + settleSeconds + " s before the probes started."
                    : "The owner and the follower were not within a second of events after "
                        + settleSeconds
                        + " s; the probes started anyway.",
                backgroundRate,
                ownerLag,
                followerLag,
                probes.reads()));
        report.heading("CPU");
        report.paragraph(
            "Cores used during the measurement (`/proc/<pid>/stat`, user + system; 1.00 = one core"
                + " busy throughout) and microseconds of CPU per background event:");
        report.cpu(result.cores(), backgroundRate);
        result
            .threads()
            .forEach(
                (name, threads) -> report.profile(name, threads, result.recordings().get(name)));
        Histogram h = probes.micros();
        double p50 = h.getValueAtPercentile(50) / 1000.0;
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        report.verdict(
            "freshness p50 ≤ 20 ms at " + rate + " events/s background",
            p50 <= P50_TARGET_MS && h.getTotalCount() > 0,
            String.format("%.1f ms, load %s", p50, result.loadAfter()));
        report.verdict(
            "freshness p99 ≤ 100 ms (stretch 25 ms)",
            p99 <= P99_TARGET_MS && h.getTotalCount() > 0 && probes.lost() == 0,
            String.format("%.1f ms, %d never served", p99, probes.lost()));
        report.write(output);
      }
    }
  }

  /** Waits until owner and follower lag are each under a second of events; false on timeout. */
  private static boolean settle(BenchmarkStack stack, int eventsPerSecond)
      throws InterruptedException {
    long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
    Thread.sleep(WARM_UP.toMillis());
    while (!(stack.aggregationMeters().value("tessera.aggregation.partition.lag") < eventsPerSecond
        && stack.servingMeters().value("tessera.serving.follower.lag") < eventsPerSecond)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(2_000); // polling the gauges
    }
    return true;
  }

  private static Histogram ingestShare(FreshnessProbes probes, Map<String, Long> arrivedAtMs) {
    Histogram micros = new Histogram(3);
    probes
        .producedAtMs()
        .forEach(
            (id, producedMs) -> {
              Long arrived = arrivedAtMs.get(id);
              if (arrived != null) {
                micros.recordValue(Math.max(0, arrived - producedMs) * 1000);
              }
            });
    return micros;
  }
}
