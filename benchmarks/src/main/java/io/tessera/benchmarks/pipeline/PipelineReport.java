package io.tessera.benchmarks.pipeline;

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

/** A Markdown report of a pipeline measurement, with the machine it ran on. */
final class PipelineReport {

  private final List<String> lines = new ArrayList<>();

  PipelineReport(String title, String how) {
    lines.add("# " + title);
    lines.add("");
    lines.add(how);
    lines.add("");
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memoryGiB = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() >> 30;
    lines.add(
        String.format(
            "Machine: %d cores, %d GiB memory, %s %s, Java %s; Kafka, Cassandra, the services and"
                + " the load generator all on it. Load average %.1f when the measurement began."
                + " Taken %s.",
            os.getAvailableProcessors(),
            memoryGiB,
            os.getName(),
            os.getArch(),
            System.getProperty("java.version"),
            os.getSystemLoadAverage(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    lines.add("");
  }

  void paragraph(String text) {
    lines.add(text);
    lines.add("");
  }

  /** A latency table: one row per named histogram (microseconds), in milliseconds. */
  void latencies(Map<String, Histogram> histograms, Map<String, Long> lost) {
    lines.add("| path | probes | p50 ms | p99 ms | p99.9 ms | max ms | never readable |");
    lines.add("|---|---|---|---|---|---|---|");
    histograms.forEach(
        (name, h) ->
            lines.add(
                String.format(
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |",
                    name,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0,
                    h.getMaxValue() / 1000.0,
                    lost.getOrDefault(name, 0L))));
    lines.add("");
  }

  void cpu(Map<String, Double> cores) {
    lines.add("| process | CPU (cores) |");
    lines.add("|---|---|");
    cores.forEach((name, used) -> lines.add(String.format("| %s | %.2f |", name, used)));
    lines.add("");
  }

  void table(List<String> header, List<List<String>> rows) {
    lines.add("| " + String.join(" | ", header) + " |");
    lines.add("|" + "---|".repeat(header.size()));
    rows.forEach(row -> lines.add("| " + String.join(" | ", row) + " |"));
    lines.add("");
  }

  void write(Path output) throws IOException {
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines);
    lines.forEach(System.out::println);
  }
}
