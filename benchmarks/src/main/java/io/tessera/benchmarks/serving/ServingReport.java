package io.tessera.benchmarks.serving;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code docs/benchmarks/serving.md}: the set-up, one row per run (client-side latency from the
 * intended send time, the server's own timers, CPU by process, load average), and the targets met
 * or missed. A hand-written analysis below {@link #ANALYSIS_MARKER} survives re-runs.
 */
final class ServingReport {
  static final String ANALYSIS_MARKER =
      "<!-- analysis: kept when the benchmark rewrites this file -->";

  private final List<String> setup = new ArrayList<>();
  private final List<String> client = new ArrayList<>();
  private final List<String> server = new ArrayList<>();
  private final List<String> cpu = new ArrayList<>();
  private final List<String> verdicts = new ArrayList<>();

  void setup(String line) {
    setup.add(line);
  }

  void run(
      String name,
      double perSecond,
      OpenLoop.Result result,
      ServerMetrics.RunTimers timers,
      Map<String, Double> cores,
      String loadBefore,
      String loadAfter) {
    Histogram h = result.latencyMicros();
    client.add(
        String.format(
            "| %s | %,.0f | %,.0f | %,d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %s → %s |",
            name,
            perSecond,
            result.achievedPerSecond(),
            result.sent(),
            result.errors(),
            ms(h.getValueAtPercentile(50)),
            ms(h.getValueAtPercentile(90)),
            ms(h.getValueAtPercentile(99)),
            ms(h.getValueAtPercentile(99.9)),
            ms(h.getMaxValue()),
            ms(result.maxSendLagMicros()),
            loadBefore,
            loadAfter));
    StringBuilder steps = new StringBuilder();
    timers
        .stepMeanAndP99Ms()
        .forEach((step, v) -> steps.append(String.format(" %.2f / %.2f |", v[0], v[1])));
    server.add(
        String.format(
            "| %s | %,d | %.2f | ≤ %.2f | ≤ %.2f |%s",
            name, timers.requests(), timers.meanMs(), timers.p50Ms(), timers.p99Ms(), steps));
    StringBuilder cores1 = new StringBuilder("| " + name + " |");
    cores.values().forEach(c -> cores1.append(String.format(" %.2f |", c)));
    cpu.add(cores1.toString());
  }

  void verdict(String target, boolean met, String measured) {
    verdicts.add(
        "- " + (met ? "met" : "**missed**") + ": " + target + " (measured " + measured + ")");
  }

  void write(Path output, String command, List<String> cpuColumns) throws IOException {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memoryGiB = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() >> 30;
    List<String> lines = new ArrayList<>();
    lines.add("# Online serving latency");
    lines.add("");
    lines.add(
        "Measured by `"
            + command
            + "` (`benchmarks/src/main/java/io/tessera/benchmarks/serving/ServingBenchmark.java`):"
            + " the serving-service exec jar as its own process, Kafka 4.1.2 and Cassandra 5.0.6"
            + " (one local node) on the same machine, an open-loop load generator in a fourth JVM.");
    lines.add("");
    lines.add(
        String.format(
            "Machine: %d cores, %d GiB memory, %s %s, Java %s. Taken %s.",
            os.getAvailableProcessors(),
            memoryGiB,
            os.getName(),
            os.getArch(),
            System.getProperty("java.version"),
            Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    lines.add("");
    lines.addAll(setup);
    lines.add("");
    lines.add("## Client side");
    lines.add("");
    lines.add(
        "Latency in ms from each request's intended send time (fixed arrival rate, so a stall"
            + " counts as the queue it builds), good answers only; errors are non-200 answers,"
            + " gRPC failures, wrong vector counts and timeouts (5 s). Send lag: how far the"
            + " generator itself fell behind its schedule at worst. Load: `/proc/loadavg` (1, 5,"
            + " 15 min) before → after the run.");
    lines.add("");
    lines.add(
        "| run | target req/s | achieved req/s | sent | errors | p50 | p90 | p99 | p99.9 | max |"
            + " send lag ms | load |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
    lines.addAll(client);
    lines.add("");
    lines.add("## Server side");
    lines.add("");
    lines.add(
        "From `/actuator/prometheus`, scraped before and after each run. Request p50/p99 are"
            + " histogram bucket bounds (`tessera.serving.request`, from resolve to the last"
            + " value: no HTTP/gRPC transport, no queueing in front of the handler). Steps"
            + " (`tessera.serving.step`): the run's mean / the server's rolling p99, in ms.");
    lines.add("");
    lines.add(
        "| run | requests | mean ms | p50 ms | p99 ms | resolve | validate | plan | read | merge |"
            + " finish |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
    lines.addAll(server);
    lines.add("");
    lines.add("## CPU by process");
    lines.add("");
    lines.add(
        "Cores used during each run, from `/proc/<pid>/stat` (1.00 = one core busy throughout);"
            + " machine total is every process on the box, including other builds.");
    lines.add("");
    lines.add("| run | " + String.join(" | ", cpuColumns) + " |");
    lines.add("|---|" + "---|".repeat(cpuColumns.size()));
    lines.addAll(cpu);
    lines.add("");
    lines.add("## Targets (issue 8)");
    lines.add("");
    lines.addAll(verdicts);
    lines.add("");
    lines.add(ANALYSIS_MARKER);
    lines.addAll(keptAnalysis(output));
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines);
  }

  private static List<String> keptAnalysis(Path output) throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    List<String> old = Files.readAllLines(output);
    int at = old.indexOf(ANALYSIS_MARKER);
    return at < 0 ? List.of() : old.subList(at + 1, old.size());
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
