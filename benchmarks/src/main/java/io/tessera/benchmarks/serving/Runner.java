package io.tessera.benchmarks.serving;

import io.tessera.benchmarks.metrics.CassandraRequests;
import io.tessera.benchmarks.profile.Measurement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One measured run: a warm-up at the run's own rate (so the server's JIT, connection pools and
 * caches are in their steady state for this kind of request), then the run, bracketed by scrapes of
 * the server's timers, per-process CPU, the Cassandra node's request count for the serving process,
 * and the load average; a profiled run also records serving's threads and a JFR.
 */
final class Runner {
  private static final Duration WARM_UP = Duration.ofSeconds(10);
  private static final Duration PRIME = Duration.ofSeconds(45);
  private static final double PRIME_PER_SECOND = 300;

  private final ServingReport report;
  private final ServerMetrics metrics;
  private final Map<String, Long> pids;
  private final long servingPid;
  private final CassandraRequests cassandra;
  private final Duration duration;
  private final Path jfrDir;
  private long seed = 1;

  Runner(
      ServingReport report,
      ServerMetrics metrics,
      Map<String, Long> pids,
      long servingPid,
      CassandraRequests cassandra,
      Duration duration,
      Path jfrDir) {
    this.report = report;
    this.metrics = metrics;
    this.pids = pids;
    this.servingPid = servingPid;
    this.cassandra = cassandra;
    this.duration = duration;
    this.jfrDir = jfrDir;
  }

  /**
   * Before the first run, each of {@code calls} for {@link #PRIME} at {@link #PRIME_PER_SECOND}, a
   * rate the server keeps up with: its JIT compiles both transports' paths and its caches take in
   * the hot entities. Without it the first run measured a cold process at the target rate, and the
   * backlog that built spilled into the runs after it.
   */
  void prime(List<OpenLoop.Call> calls) throws Exception {
    for (OpenLoop.Call call : calls) {
      System.out.printf("priming at %,.0f/s for %d s%n", PRIME_PER_SECOND, PRIME.toSeconds());
      OpenLoop.run(PRIME_PER_SECOND, PRIME, call, seed++);
    }
  }

  static String primeDescription(int calls) {
    return String.format(
        "Before the first run the server is primed with %d × %d s of single-entity requests at"
            + " %,.0f/s (REST, then gRPC): JIT-compiled paths and warm caches for the hot"
            + " entities, as a serving instance has after its first minutes in production.",
        calls, PRIME.toSeconds(), PRIME_PER_SECOND);
  }

  OpenLoop.Result run(String name, double perSecond, OpenLoop.Call call, String kind)
      throws Exception {
    return run(name, perSecond, call, kind, false);
  }

  /**
   * @param profile also record serving's busiest threads and a JFR of the run
   */
  OpenLoop.Result run(
      String name, double perSecond, OpenLoop.Call call, String kind, boolean profile)
      throws Exception {
    String tag = (name + "-" + (long) perSecond).replaceAll("[^A-Za-z0-9]+", "-");
    Measurement measurement =
        Measurement.prepare(
            pids,
            profile ? Map.of("serving (follower)", servingPid) : Map.of(),
            profile ? jfrDir : null,
            "serving-" + tag);
    System.out.printf("%s at %,.0f/s: warm-up %d s%n", name, perSecond, WARM_UP.toSeconds());
    OpenLoop.run(perSecond, WARM_UP, call, seed++);
    ServerMetrics.Scrape before = metrics.scrape();
    Map<Integer, Long> requestsBefore = cassandra.snapshot(servingPid);
    measurement.begin();
    OpenLoop.Result result = OpenLoop.run(perSecond, duration, call, seed++);
    Measurement.Result measured = measurement.stop();
    long requests = CassandraRequests.between(requestsBefore, cassandra.snapshot(servingPid));
    ServerMetrics.RunTimers timers = ServerMetrics.between(before, metrics.scrape(), kind);
    report.run(name, perSecond, result, timers, measured, requests);
    System.out.printf(
        "%s: p50 %.2f p99 %.2f p99.9 %.2f max %.2f ms, %d errors, load %s; cores %s%n",
        name,
        result.latencyMicros().getValueAtPercentile(50) / 1000.0,
        result.latencyMicros().getValueAtPercentile(99) / 1000.0,
        result.latencyMicros().getValueAtPercentile(99.9) / 1000.0,
        result.latencyMicros().getMaxValue() / 1000.0,
        result.errors(),
        measured.loadAfter(),
        measured.cores());
    return result;
  }

  static Duration warmUp() {
    return WARM_UP;
  }
}
