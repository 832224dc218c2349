package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.chart.Charts;
import io.tessera.benchmarks.metrics.CassandraRequests;
import io.tessera.benchmarks.profile.Measurement;
import io.tessera.benchmarks.run.BenchmarkArguments;
import io.tessera.benchmarks.run.BenchmarkMain;
import io.tessera.benchmarks.stack.BenchmarkStack;
import io.tessera.harness.kafka.ConsumerLag;
import io.tessera.harness.load.StreamDriver;
import io.tessera.testsupport.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sustained ingest: an open-loop generator offers a fixed rate (default 30,000 events/s) over
 * 100,000 Zipf-drawn entities for a bounded time (default 5 minutes) while open-loop probes measure
 * freshness at a serving follower. Reports the rate each stage carried, whether the owner's and the
 * follower's lag grew, Cassandra requests per applied event (counted by the Cassandra node per
 * connection of the aggregation process), and the heaps of aggregation and serving over the run.
 *
 * <p>Usage: {@code ThroughputBenchmark OUTPUT.md [events/s] [measured seconds]}; {@code ./tessera
 * bench throughput [events/s] [seconds]}.
 */
public final class ThroughputBenchmark {
  static final int DEFAULT_RATE = 30_000;
  static final int DEFAULT_SECONDS = 300;

  /**
   * The view's 2-minute lateness plus a minute: every minute stays open for its lateness, so the
   * open state (and the heap) fills that long by design; heap and lag are judged after it, in the
   * steady state the targets are about.
   */
  static final Duration WARM_UP = Duration.ofSeconds(180);

  static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
  static final double PROBES_PER_SECOND = 10;

  private static final double FRESHNESS_P99_TARGET_MS = 1_000;
  private static final double REQUESTS_PER_EVENT_TARGET = 0.1;

  /**
   * Lag "grows" when the run's last fifth is this many seconds of offered events behind its first.
   */
  private static final double LAG_GROWTH_SECONDS = 5;

  /** The heap "grows" when its floor rose by more than this share of the heap over the run. */
  private static final double HEAP_GROWTH_SHARE = 0.10;

  private ThroughputBenchmark() {}

  /** Runs the benchmark; the JVM exits when it ends, failed or not (no thread keeps it alive). */
  public static void main(String[] args) {
    BenchmarkMain.run("throughput", ThroughputBenchmark::run, args);
  }

  private static void run(BenchmarkArguments args) throws Exception {
    Path output = args.report();
    int offered = args.integer(1, DEFAULT_RATE);
    Duration measure = Duration.ofSeconds(args.whole(2, DEFAULT_SECONDS));
    String command = args.command();
    Path charts = output.toAbsolutePath().getParent();
    LocalStack local = LocalStack.get();
    CassandraRequests cassandra =
        new CassandraRequests(local.cqlSession(), local.endpoints().cassandra().getPort());
    try (BenchmarkStack stack = new BenchmarkStack()) {
      PipelineView view = new PipelineView(stack);
      try (ConsumerLag source =
              new ConsumerLag(
                  local.kafkaProperties(),
                  view.sourceTopic,
                  "tessera-ingest." + view.view + ".v1");
          ConsumerLag normalized =
              new ConsumerLag(
                  local.kafkaProperties(),
                  stack.names().normalizedTopic(),
                  stack.names().aggregationGroup());
          RunSamples samples = new RunSamples(stack, source, normalized);
          FreshnessProbes probes =
              new FreshnessProbes(view, stack.serving().uri("/"), PROBES_PER_SECOND)) {
        StreamDriver driver =
            new StreamDriver(
                List.of(new StreamDriver.Stream(view.background(17), view.sink(), 1)),
                offered,
                StreamDriver.Bursts.NONE,
                null);
        Measurement measurement =
            Measurement.prepare(
                stack.pids(),
                Map.of(
                    "aggregation (owner)", stack.aggregation().pid(),
                    "serving (follower)", stack.serving().pid(),
                    "ingest", stack.pipeline().ingest().pid(),
                    // the generator too: the rate it offers is a target's input
                    "generator (this JVM)", ProcessHandle.current().pid()),
                charts,
                "throughput");
        probes.start(WARM_UP, measure);
        Thread.sleep(WARM_UP.toMillis()); // pacing: the load warms the stack up meanwhile
        measurement.begin();
        RunSamples.Sample start = samples.sample();
        Map<Integer, Long> ownerRequestsBefore = cassandra.snapshot(stack.aggregation().pid());
        Map<Integer, Long> followerRequestsBefore = cassandra.snapshot(stack.serving().pid());
        double followerAppliedBefore = followerApplied(stack);
        Thread.sleep(measure.toMillis()); // the measured interval; the samples run meanwhile
        Measurement.Result result = measurement.stop();
        RunSamples.Sample end = samples.sample();
        long ownerRequests =
            CassandraRequests.between(
                ownerRequestsBefore, cassandra.snapshot(stack.aggregation().pid()));
        long followerRequests =
            CassandraRequests.between(
                followerRequestsBefore, cassandra.snapshot(stack.serving().pid()));
        double followerAppliedRate =
            (followerApplied(stack) - followerAppliedBefore) / result.seconds();
        driver.close();
        probes.join();

        long drainStart = System.nanoTime();
        RunSamples.Sample now = samples.sample();
        while ((now.ownerLag() > 0 || now.followerLag() > 0)
            && System.nanoTime() - drainStart < DRAIN_LIMIT.toNanos()) {
          Thread.sleep(1_000); // polling the lag gauges
          now = samples.sample();
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        samples.close();

        double seconds = result.seconds();
        double producedRate = (end.produced() - start.produced()) / seconds;
        double appliedRate = (end.applied() - start.applied()) / seconds;
        List<double[]> measured =
            samples.series(s -> s.seconds()).stream()
                .filter(p -> p[0] >= start.seconds() && p[0] <= end.seconds())
                .toList();
        Trend ownerLag = Trend.ofMeans(window(samples, RunSamples.Sample::ownerLag, start, end));
        Trend followerLag =
            Trend.ofMeans(window(samples, RunSamples.Sample::followerLag, start, end));
        Trend ownerHeap =
            Trend.ofFloors(window(samples, RunSamples.Sample::ownerHeap, start, end), 30);
        Trend followerHeap =
            Trend.ofFloors(window(samples, RunSamples.Sample::followerHeap, start, end), 30);
        Trend ownerOpen =
            Trend.ofMeans(window(samples, RunSamples.Sample::ownerOpenBytes, start, end));
        Trend followerOpen =
            Trend.ofMeans(window(samples, RunSamples.Sample::followerOpenBytes, start, end));
        Trend ownerSpilled =
            Trend.ofMeans(window(samples, RunSamples.Sample::ownerSpilledBytes, start, end));
        Trend followerSpilled =
            Trend.ofMeans(window(samples, RunSamples.Sample::followerSpilledBytes, start, end));

        drawCharts(charts, samples, probes, offered, result.loadAfter());
        ThroughputReport.write(
            output,
            command,
            new ThroughputReport.Run(
                offered,
                measure,
                producedRate,
                (end.normalized() - start.normalized()) / seconds,
                appliedRate,
                followerAppliedRate,
                ownerLag,
                followerLag,
                ownerHeap,
                followerHeap,
                ownerOpen,
                followerOpen,
                ownerSpilled,
                followerSpilled,
                stack.aggregationMeters().value("tessera.aggregation.open.budget"),
                stack.servingMeters().value("tessera.serving.open.budget"),
                ownerRequests,
                followerRequests,
                now.ownerLag(),
                now.followerLag(),
                drainSeconds,
                measured.size()),
            probes,
            result);
      }
    }
  }

  /** Whether the lag grew by more than {@link #LAG_GROWTH_SECONDS} of the produced events. */
  static boolean lagGrew(Trend lag, double producedPerSecond) {
    return lag.growth() > LAG_GROWTH_SECONDS * producedPerSecond;
  }

  static boolean heapGrew(Trend heap) {
    return heap.growth()
        > HEAP_GROWTH_SHARE * BenchmarkStack.bytes(BenchmarkStack.AGGREGATION_HEAP);
  }

  static double freshnessTargetMs() {
    return FRESHNESS_P99_TARGET_MS;
  }

  static double requestsTarget() {
    return REQUESTS_PER_EVENT_TARGET;
  }

  private static double followerApplied(BenchmarkStack stack) {
    return stack.servingMeters().value("tessera.serving.follower.records", "outcome:Applied");
  }

  private static List<double[]> window(
      RunSamples samples,
      java.util.function.ToDoubleFunction<RunSamples.Sample> field,
      RunSamples.Sample start,
      RunSamples.Sample end) {
    return samples.series(field).stream()
        .filter(p -> p[0] >= start.seconds() && p[0] <= end.seconds())
        .toList();
  }

  private static void drawCharts(
      Path charts, RunSamples samples, FreshnessProbes probes, int offered, String load)
      throws Exception {
    Map<String, List<double[]>> lag = new LinkedHashMap<>();
    lag.put("owner (aggregation) lag, records", samples.series(RunSamples.Sample::ownerLag));
    lag.put("follower (serving) lag, records", samples.series(RunSamples.Sample::followerLag));
    Charts.overTime(
        charts.resolve("throughput-lag.png"),
        String.format("Lag at %,d events/s offered (load %s)", offered, load),
        "records behind the normalized topic's end",
        lag);
    Map<String, List<double[]>> heap = new LinkedHashMap<>();
    heap.put("aggregation heap used, MiB", mib(samples.series(RunSamples.Sample::ownerHeap)));
    heap.put("serving heap used, MiB", mib(samples.series(RunSamples.Sample::followerHeap)));
    heap.put("aggregation open state, MiB", mib(samples.series(RunSamples.Sample::ownerOpenBytes)));
    heap.put("serving open state, MiB", mib(samples.series(RunSamples.Sample::followerOpenBytes)));
    heap.put(
        "aggregation spilled (files), MiB",
        mib(samples.series(RunSamples.Sample::ownerSpilledBytes)));
    heap.put(
        "serving spilled (files), MiB",
        mib(samples.series(RunSamples.Sample::followerSpilledBytes)));
    Charts.overTime(
        charts.resolve("throughput-heap.png"),
        String.format(
            "Heap at %,d events/s offered (heap %s and %s)",
            offered, BenchmarkStack.AGGREGATION_HEAP, BenchmarkStack.SERVING_HEAP),
        "MiB",
        heap);
    Map<String, List<double[]>> rates = new LinkedHashMap<>();
    rates.put("produced to the source topic", samples.rate(s -> s.produced()));
    rates.put("applied by the owner", samples.rate(RunSamples.Sample::applied));
    Charts.overTime(
        charts.resolve("throughput-rates.png"),
        String.format("Events/s at %,d events/s offered", offered),
        "events/s",
        rates);
    Charts.distribution(
        charts.resolve("throughput-freshness.png"),
        String.format("Freshness while %,d events/s are offered (load %s)", offered, load),
        Map.of("produce → served by the follower (REST)", probes.micros()));
  }

  private static List<double[]> mib(List<double[]> bytes) {
    return bytes.stream().map(p -> new double[] {p[0], p[1] / (1 << 20)}).toList();
  }
}
