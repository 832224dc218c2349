package io.tessera.benchmarks.serving;

import io.tessera.benchmarks.profile.JfrProfile;
import io.tessera.benchmarks.profile.Measurement;
import io.tessera.benchmarks.run.KeptAnalysis;
import io.tessera.benchmarks.stack.BenchmarkStack;
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
 * intended send time, the server's own timers, CPU by process and per request, Cassandra requests
 * per request, load average), profiles, charts, and the targets met or missed. A hand-written
 * analysis below {@link KeptAnalysis#MARKER} survives re-runs.
 */
final class ServingReport {
  private final List<String> setup = new ArrayList<>();
  private final List<String> client = new ArrayList<>();
  private final List<String> server = new ArrayList<>();
  private final List<String> cpu = new ArrayList<>();
  private final List<String> perRequest = new ArrayList<>();
  private final List<String> profiles = new ArrayList<>();
  private final List<String> images = new ArrayList<>();
  private final List<String> verdicts = new ArrayList<>();
  private List<String> cpuColumns = List.of();

  void setup(String line) {
    setup.add(line);
    setup.add("");
  }

  void run(
      String name,
      double perSecond,
      OpenLoop.Result result,
      ServerMetrics.RunTimers timers,
      Measurement.Result measured,
      long cassandraRequests) {
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
            measured.loadBefore(),
            measured.loadAfter()));
    StringBuilder steps = new StringBuilder();
    timers
        .stepMeanAndP99Ms()
        .forEach((step, v) -> steps.append(String.format(" %.2f / %.2f |", v[0], v[1])));
    server.add(
        String.format(
            "| %s @ %,.0f | %,d | %.2f | ≤ %.2f | ≤ %.2f |%s",
            name,
            perSecond,
            timers.requests(),
            timers.meanMs(),
            timers.p50Ms(),
            timers.p99Ms(),
            steps));
    cpuColumns = List.copyOf(measured.cores().keySet());
    // per answered request; none answered: n/a (every request failed or timed out)
    double achieved = result.achievedPerSecond();
    StringBuilder cores = new StringBuilder("| " + name + " @ " + (long) perSecond + " |");
    StringBuilder micros = new StringBuilder("| " + name + " @ " + (long) perSecond + " |");
    measured
        .cores()
        .forEach(
            (process, c) -> {
              cores.append(String.format(" %.2f |", c));
              micros.append(achieved > 0 ? String.format(" %.0f |", c * 1e6 / achieved) : " n/a |");
            });
    micros.append(
        achieved > 0
            ? String.format(" %.2f |", cassandraRequests / (achieved * measured.seconds()))
            : String.format(" n/a (%,d in all) |", cassandraRequests));
    cpu.add(cores.toString());
    perRequest.add(micros.toString());
    measured
        .threads()
        .forEach(
            (process, threads) ->
                profiles.add(
                    profile(
                        name + " @ " + (long) perSecond,
                        threads,
                        measured.recordings().get(process))));
  }

  private static String profile(String run, Map<String, Double> threads, JfrProfile jfr) {
    StringBuilder text =
        new StringBuilder("- **serving during " + run + "**: busiest threads (cores): ");
    threads.forEach((name, cores) -> text.append(String.format("`%s` %.2f, ", name, cores)));
    if (jfr != null) {
      text.append("most sampled top frames (JFR): ");
      jfr.topMethods(10)
          .forEach((name, share) -> text.append(String.format("`%s` %.0f%%, ", name, share * 100)));
    }
    return text.substring(0, text.length() - 2);
  }

  void image(String alt, String file) {
    images.add("![" + alt + "](" + file + ")");
    images.add("");
  }

  void verdict(String target, boolean met, String measured) {
    verdicts.add(
        "- " + (met ? "met" : "**missed**") + ": " + target + " (measured " + measured + ")");
  }

  void write(Path output, String command) throws IOException {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memoryGiB = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() >> 30;
    List<String> lines = new ArrayList<>();
    lines.add("# Online serving latency");
    lines.add("");
    lines.add(
        "Measured by `"
            + command
            + "` (`benchmarks/src/main/java/io/tessera/benchmarks/serving/ServingBenchmark.java`):"
            + " registry, ingest, aggregation (owner) and serving (follower) as their exec"
            + " jars, Kafka and Cassandra (one local node) on the same machine, an open-loop load"
            + " generator in a JVM of its own.");
    lines.add("");
    lines.add(
        String.format(
            "Machine: %d cores, %d GiB memory, %s %s, Java %s. Taken %s. Service JVMs: %s.",
            os.getAvailableProcessors(),
            memoryGiB,
            os.getName(),
            os.getArch(),
            System.getProperty("java.version"),
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            BenchmarkStack.jvmFlags()));
    lines.add("");
    lines.addAll(setup);
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
    lines.addAll(images);
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
            + " machine total is every process on the box, including other engineers' builds.");
    lines.add("");
    lines.add("| run | " + String.join(" | ", cpuColumns) + " |");
    lines.add("|---|" + "---|".repeat(cpuColumns.size()));
    lines.addAll(cpu);
    lines.add("");
    lines.add(
        "Microseconds of CPU per answered request, by process, and Cassandra requests per"
            + " answered request (counted by the Cassandra node for the serving process's"
            + " connections, `system_views.clients`):");
    lines.add("");
    lines.add("| run | " + String.join(" | ", cpuColumns) + " | Cassandra requests |");
    lines.add("|---|" + "---|".repeat(cpuColumns.size() + 1));
    lines.addAll(perRequest);
    lines.add("");
    if (!profiles.isEmpty()) {
      lines.add("## Profile of serving");
      lines.add("");
      lines.addAll(profiles);
      lines.add("");
    }
    lines.add("## Targets (issue 12)");
    lines.add("");
    lines.addAll(verdicts);
    lines.add("");
    lines.addAll(KeptAnalysis.of(output));
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
