package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.profile.JfrProfile;
import io.tessera.benchmarks.profile.ProcessCpu;
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
 * A Markdown report of a pipeline measurement: the command, the machine and its load, the JVM
 * flags, then sections the benchmark adds. A hand-written analysis below {@link
 * KeptAnalysis#MARKER} survives re-runs.
 */
final class PipelineReport {
  private final List<String> lines = new ArrayList<>();
  private final List<String> verdicts = new ArrayList<>();

  PipelineReport(String title, String command, String source, String how) {
    lines.add("# " + title);
    lines.add("");
    lines.add("Measured by `" + command + "` (`" + source + "`): " + how);
    lines.add("");
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memoryGiB = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() >> 30;
    lines.add(
        String.format(
            "Machine: %d cores, %d GiB memory, %s %s, Java %s; Kafka, Cassandra, the four services"
                + " and the load generator all on it. Taken %s.",
            os.getAvailableProcessors(),
            memoryGiB,
            os.getName(),
            os.getArch(),
            System.getProperty("java.version"),
            Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    lines.add("");
    lines.add("Service JVMs: " + BenchmarkStack.jvmFlags() + ".");
    lines.add("");
  }

  void heading(String text) {
    lines.add("## " + text);
    lines.add("");
  }

  void paragraph(String text) {
    lines.add(text);
    lines.add("");
  }

  /** Load averages around the measurement: on 2 cores, above 2 means work competed for the CPU. */
  void load(String before, String after) {
    paragraph(
        "Load average (1, 5, 15 min, `/proc/loadavg`) when the measurement began: "
            + before
            + "; when it ended: "
            + after
            + ". On 2 cores, anything above 2 means runnable work waited for a CPU.");
  }

  /** A latency table: one row per named histogram (microseconds), in milliseconds. */
  void latencies(Map<String, Histogram> histograms, Map<String, Long> lost) {
    lines.add("| path | probes | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | never served |");
    lines.add("|---|---|---|---|---|---|---|---|");
    histograms.forEach(
        (name, h) ->
            lines.add(
                String.format(
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |",
                    name,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0,
                    h.getMaxValue() / 1000.0,
                    lost.getOrDefault(name, 0L))));
    lines.add("");
  }

  /**
   * CPU by process in cores, and in microseconds of CPU per event at {@code eventsPerSecond} (the
   * rate the pipeline actually carried).
   */
  void cpu(Map<String, Double> cores, double eventsPerSecond) {
    lines.add("| process | CPU (cores) | µs CPU per event |");
    lines.add("|---|---|---|");
    cores.forEach(
        (name, used) ->
            lines.add(
                String.format(
                    "| %s | %.2f | %.1f |",
                    name, used, used * 1e6 / Math.max(1, eventsPerSecond))));
    lines.add("");
  }

  /** Where one process spent its CPU: threads from /proc, methods from a JFR recording. */
  void profile(String process, Map<String, Double> threadCores, JfrProfile jfr) {
    StringBuilder threads = new StringBuilder();
    threadCores.forEach((name, cores) -> threads.append(String.format("`%s` %.2f, ", name, cores)));
    StringBuilder methods = new StringBuilder();
    if (jfr != null) {
      jfr.topMethods(10)
          .forEach(
              (name, share) -> methods.append(String.format("`%s` %.0f%%, ", name, share * 100)));
    }
    paragraph(
        "**"
            + process
            + "**: busiest threads (cores, `/proc/<pid>/task`; kernel names, cut at 15 characters): "
            + trim(threads)
            + (methods.length() == 0
                ? ""
                : ". Most sampled top frames (JFR `jdk.ExecutionSample`, share of samples): "
                    + trim(methods)
                    + " (recording `"
                    + jfr.file().getFileName()
                    + "`, not committed)."));
  }

  private static String trim(StringBuilder text) {
    return text.length() < 2 ? "none" : text.substring(0, text.length() - 2);
  }

  void table(List<String> header, List<List<String>> rows) {
    lines.add("| " + String.join(" | ", header) + " |");
    lines.add("|" + "---|".repeat(header.size()));
    rows.forEach(row -> lines.add("| " + String.join(" | ", row) + " |"));
    lines.add("");
  }

  void image(String alt, String file) {
    paragraph("![" + alt + "](" + file + ")");
  }

  void verdict(String target, boolean met, String measured) {
    verdicts.add(
        "- " + (met ? "met" : "**missed**") + ": " + target + " (measured " + measured + ")");
  }

  void write(Path output) throws IOException {
    List<String> all = new ArrayList<>(lines);
    if (!verdicts.isEmpty()) {
      all.add("## Targets (issue 12)");
      all.add("");
      all.addAll(verdicts);
      all.add("");
    }
    all.addAll(KeptAnalysis.of(output));
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, all);
    all.forEach(System.out::println);
  }

  static String loadAverage() {
    return ProcessCpu.loadAverage();
  }
}
