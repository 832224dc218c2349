package io.tessera.benchmarks.serving;

import io.tessera.benchmarks.profile.ProcessCpu;
import java.time.Duration;
import java.util.Map;

/**
 * One measured run: a warm-up at the run's own rate (so the server's JIT, connection pools and
 * sealed-tile cache are in their steady state for this kind of request), then the run, bracketed by
 * scrapes of the server's timers, per-process CPU and the load average.
 */
final class Runner {
  private static final Duration WARM_UP = Duration.ofSeconds(15);

  private final ServingReport report;
  private final ServerMetrics metrics;
  private final Map<String, Long> pids;
  private final Duration duration;
  private long seed = 1;

  Runner(ServingReport report, ServerMetrics metrics, Map<String, Long> pids, Duration duration) {
    this.report = report;
    this.metrics = metrics;
    this.pids = pids;
    this.duration = duration;
  }

  OpenLoop.Result run(String name, double perSecond, OpenLoop.Call call, String kind)
      throws Exception {
    System.out.printf("%s at %,.0f/s: warm-up %d s%n", name, perSecond, WARM_UP.toSeconds());
    OpenLoop.run(perSecond, WARM_UP, call, seed++);
    String loadBefore = ProcessCpu.loadAverage();
    ServerMetrics.Scrape before = metrics.scrape();
    ProcessCpu cpu = new ProcessCpu(pids);
    cpu.start();
    OpenLoop.Result result = OpenLoop.run(perSecond, duration, call, seed++);
    Map<String, Double> cores = cpu.stop();
    ServerMetrics.RunTimers timers = ServerMetrics.between(before, metrics.scrape(), kind);
    String loadAfter = ProcessCpu.loadAverage();
    report.run(name, perSecond, result, timers, cores, loadBefore, loadAfter);
    System.out.printf(
        "%s: p50 %.2f p99 %.2f p99.9 %.2f max %.2f ms, %d errors, load %s; cores %s%n",
        name,
        result.latencyMicros().getValueAtPercentile(50) / 1000.0,
        result.latencyMicros().getValueAtPercentile(99) / 1000.0,
        result.latencyMicros().getValueAtPercentile(99.9) / 1000.0,
        result.latencyMicros().getMaxValue() / 1000.0,
        result.errors(),
        loadAfter,
        cores);
    return result;
  }

  static Duration warmUp() {
    return WARM_UP;
  }
}
