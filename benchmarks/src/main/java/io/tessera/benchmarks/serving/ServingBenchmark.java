package io.tessera.benchmarks.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.benchmarks.chart.Charts;
import io.tessera.benchmarks.load.Zipf;
import io.tessera.benchmarks.metrics.CassandraRequests;
import io.tessera.benchmarks.profile.ProcessCpu;
import io.tessera.benchmarks.run.BenchmarkArguments;
import io.tessera.benchmarks.run.BenchmarkMain;
import io.tessera.benchmarks.stack.BenchmarkStack;
import io.tessera.harness.pipeline.ServiceSpecs;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Online serving latency of a follower: 100,000 users with seven days of history, loaded as any
 * retained history is (produced to the source topic before the view exists, then the view
 * registered: {@link HistoryLoader}), timed until the follower serves exact values ({@link
 * ExactValues}); then REST and gRPC single-entity gets open loop at the target rate, REST stepped
 * up until its p99 passes 10 ms, and batches of 100. Writes Markdown ({@link ServingReport}) and a
 * latency-by-rate chart.
 *
 * <p>Usage: {@code ServingBenchmark OUTPUT.md [target req/s] [seconds per run] [history events]
 * [stepped req/s,...]}; {@code ./tessera bench serving [...]} from the repository root.
 */
public final class ServingBenchmark {
  static final int USERS = 100_000;
  static final double ZIPF_EXPONENT = 1.0;
  static final int BATCH = 100;
  static final double BATCH_PER_SECOND = 20;
  static final int SAMPLED_USERS = 200;
  static final Duration EXACT_LIMIT = Duration.ofMinutes(20);

  /** The owner counts as done writing below this many cores, held for {@link #IDLE_FOR}. */
  private static final double IDLE_CORES = 0.08;

  private static final Duration IDLE_FOR = Duration.ofSeconds(5);
  private static final String DEFAULT_STEPS = "500,1000,3000,4000,5000,6000,8000";

  private ServingBenchmark() {}

  /** Runs the benchmark; the JVM exits when it ends, failed or not (no thread keeps it alive). */
  public static void main(String[] args) {
    BenchmarkMain.run("serving", ServingBenchmark::run, args);
  }

  private static void run(BenchmarkArguments args) throws Exception {
    Path output = args.report();
    double target = args.decimal(1, 2_000);
    Duration run = Duration.ofSeconds(args.whole(2, 30));
    long events = args.whole(3, 1_000_000);
    double[] steps =
        Arrays.stream(args.text(4, DEFAULT_STEPS).split(","))
            .mapToDouble(Double::parseDouble)
            .toArray();
    String command = args.command();
    Path charts = output.toAbsolutePath().getParent();
    LocalStack local = LocalStack.get();
    ServingReport report = new ServingReport();
    Zipf zipf = new Zipf(USERS, ZIPF_EXPONENT);
    HistoryLoader history = new HistoryLoader(USERS, events, zipf);

    try (BenchmarkStack stack = new BenchmarkStack()) {
      String topic = UniqueNames.of("bench_tx");
      BenchmarkStack.createSourceTopic(topic, 4);
      long t0 = System.nanoTime();
      history.generate(System.currentTimeMillis());
      long produced = history.produce(local.kafkaProperties(), topic);
      double produceSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("produced %,d events in %.0f s%n", produced, produceSeconds);

      ExactValues exact = new ExactValues(stack.serving().uri("/"), history, USERS, SAMPLED_USERS);
      long registered = System.nanoTime();
      BenchmarkDefinitions.register(stack.pipeline().registryApi(), topic);
      int wrong = Integer.MAX_VALUE;
      while (wrong > 0 && System.nanoTime() - registered < EXACT_LIMIT.toNanos()) {
        Thread.sleep(1_000); // polling: one REST request of every sampled user a second
        wrong = exact.wrongValues();
        System.out.printf(
            "%.0f s after registering: %d wrong values%n",
            (System.nanoTime() - registered) / 1e9, wrong);
      }
      double exactSeconds = (System.nanoTime() - registered) / 1e9;
      // The follower answers exactly from memory before the owner has written the history: the
      // runs measure serving once the store holds it, not the owner's write burst beside them.
      double durableSeconds = ownerIdle(stack.aggregation().pid(), registered);
      double compactedSeconds = compactionsDone(local.cqlSession());
      report.setup(
          String.format(
              "Data: view `%s` (count, sum, mean, max, last, approx_percentile(0.9) of `amount`"
                  + " over 1h, 1d and 7d: %d values per entity), feature service `%s`; %,d users,"
                  + " user of rank r with its Zipf share (exponent %.1f) of %,d events, at least"
                  + " one (%,d, %,d, %,d for the top three; %,d events in all), at distinct times"
                  + " over the 7 days before the load. Loaded the way any"
                  + " retained history is: produced to a 4-partition source topic in event-time"
                  + " order with record timestamps = event times (%.0f s), before the view"
                  + " existed; then the view and the service were registered, ingest replayed the"
                  + " topic, the owner sealed it into Cassandra and the follower followed."
                  + " **Registered → exact served values: %.0f s** (%s: count, sum, mean, max,"
                  + " last over 1h/1d/7d at the history's end, over REST, for %d sampled users"
                  + " incl. the ten hottest, against a brute-force oracle; polled every second)."
                  + " Registered → the owner idle (the history written to the store, aggregation"
                  + " under %.2f cores for %d s): %.0f s; then the Cassandra node's compactions"
                  + " of it (none running for %d s, `system_views.sstable_tasks`): %.0f s more;"
                  + " the runs start then.",
              BenchmarkDefinitions.VIEW,
              BenchmarkDefinitions.VALUES_PER_ENTITY,
              BenchmarkDefinitions.SERVICE,
              USERS,
              ZIPF_EXPONENT,
              events,
              history.eventsOf(1),
              history.eventsOf(2),
              history.eventsOf(3),
              produced,
              produceSeconds,
              exactSeconds,
              wrong == 0 ? "all exact" : wrong + " values still wrong at the limit",
              exact.sampled(),
              IDLE_CORES,
              IDLE_FOR.toSeconds(),
              durableSeconds,
              IDLE_FOR.toSeconds(),
              compactedSeconds));
      report.setup(
          String.format(
              "Load: entities drawn with the same Zipf law over all %,d users (the hottest in"
                  + " %.1f%% of requests), `at` = now; a new request each time, no client-side"
                  + " caching. Each run follows a %d s warm-up at its own rate and lasts %d s."
                  + " Ingest and aggregation run idle beside serving (nothing is streaming).",
              USERS, 100 * zipf.share(1), Runner.warmUp().toSeconds(), run.toSeconds()));

      RestCalls rest = new RestCalls(stack.serving().uri("/api/v1/features"), zipf);
      ServerMetrics metrics = new ServerMetrics(stack.serving().uri("/actuator/prometheus"));
      CassandraRequests cassandra =
          new CassandraRequests(local.cqlSession(), local.endpoints().cassandra().getPort());
      Runner runner =
          new Runner(report, metrics, stack.pids(), stack.serving().pid(), cassandra, run, charts);
      SortedMap<Double, Histogram> restByRate = new TreeMap<>();
      SortedMap<Double, Histogram> grpcByRate = new TreeMap<>();
      try (GrpcCalls grpc = new GrpcCalls(ServiceSpecs.grpcPort(stack.serving().spec()), zipf)) {
        List<OpenLoop.Call> primers = List.of(rest.call(1), grpc.single());
        report.setup(Runner.primeDescription(primers.size()));
        runner.prime(primers);
        OpenLoop.Result restOne =
            runner.run("REST, 1 entity", target, rest.call(1), "single", true);
        OpenLoop.Result grpcOne = runner.run("gRPC, 1 entity", target, grpc.single(), "single");
        restByRate.put(target, restOne.latencyMicros());
        grpcByRate.put(target, grpcOne.latencyMicros());
        OpenLoop.Result restBatch =
            runner.run("REST, 100 entities", BATCH_PER_SECOND, rest.call(BATCH), "batch");
        OpenLoop.Result grpcBatch =
            runner.run("gRPC, 100 entities", BATCH_PER_SECOND, grpc.batch(BATCH), "batch");
        Targets.judge(report, target, restOne, grpcOne, restBatch, grpcBatch);

        double crossing = Targets.crosses(restOne) ? target : Double.NaN;
        double highestUnder = Double.isNaN(crossing) ? target : 0;
        boolean grpcCrossed = Targets.crosses(grpcOne);
        for (double rate : steps) {
          if (rate > target && !Double.isNaN(crossing)) {
            break; // REST already crossed: higher rates only queue
          }
          OpenLoop.Result r = runner.run("REST, 1 entity", rate, rest.call(1), "single");
          restByRate.put(rate, r.latencyMicros());
          if (Targets.crosses(r)) {
            crossing = Double.isNaN(crossing) || rate < crossing ? rate : crossing;
          } else if (rate > highestUnder && (Double.isNaN(crossing) || rate < crossing)) {
            highestUnder = rate;
          }
          if (!grpcCrossed || rate < target) {
            OpenLoop.Result g = runner.run("gRPC, 1 entity", rate, grpc.single(), "single");
            grpcByRate.put(rate, g.latencyMicros());
            grpcCrossed |= rate > target && Targets.crosses(g);
          }
        }
        Targets.judgeCrossing(report, crossing, highestUnder);
        Targets.judgeHistory(report, produced, exactSeconds, wrong == 0);
      }
      Map<String, SortedMap<Double, Histogram>> byRate = new LinkedHashMap<>();
      byRate.put("REST", restByRate);
      byRate.put("gRPC", grpcByRate);
      Charts.latencyByRate(
          charts.resolve("serving-latency-by-rate.png"),
          "One entity × 6 features × 1h/1d/7d, 100,000 Zipf users, open loop",
          byRate,
          Targets.CROSSING_P99_MS);
      report.image("latency percentiles against offered rate", "serving-latency-by-rate.png");
      report.write(output, command);
    }
    System.out.println(java.nio.file.Files.readString(output));
  }

  /**
   * Waits until the Cassandra node has run no compaction for {@link #IDLE_FOR}, at most {@link
   * #EXACT_LIMIT}; returns the seconds waited. A node that has just taken a week of history
   * compacts it for minutes at half a core or more; a serving store in production did that long
   * ago, and the runs would otherwise measure serving beside it.
   */
  private static double compactionsDone(CqlSession session) throws InterruptedException {
    long startNanos = System.nanoTime();
    long quietSinceNanos = startNanos;
    while (System.nanoTime() - startNanos < EXACT_LIMIT.toNanos()) {
      boolean running =
          session.execute("SELECT kind FROM system_views.sstable_tasks").one() != null;
      long now = System.nanoTime();
      if (running) {
        quietSinceNanos = now;
      } else if (now - quietSinceNanos >= IDLE_FOR.toNanos()) {
        break;
      }
      Thread.sleep(1_000);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("Cassandra's compactions done after %.0f s more%n", seconds);
    return seconds;
  }

  /**
   * Waits until the aggregation owner used less than {@link #IDLE_CORES} over {@link #IDLE_FOR} (it
   * has written every sealed row and tile of the history), at most {@link #EXACT_LIMIT} from {@code
   * sinceNanos}; returns the seconds since then.
   */
  private static double ownerIdle(long ownerPid, long sinceNanos) throws InterruptedException {
    while (System.nanoTime() - sinceNanos < EXACT_LIMIT.toNanos()) {
      ProcessCpu cpu = new ProcessCpu(Map.of("owner", ownerPid));
      cpu.start();
      Thread.sleep(IDLE_FOR.toMillis());
      double cores = cpu.stop().get("owner");
      System.out.printf(
          "%.0f s after registering: aggregation at %.2f cores%n",
          (System.nanoTime() - sinceNanos) / 1e9, cores);
      if (cores < IDLE_CORES) {
        break;
      }
    }
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
