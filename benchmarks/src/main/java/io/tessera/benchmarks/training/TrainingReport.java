package io.tessera.benchmarks.training;

import io.tessera.benchmarks.run.KeptAnalysis;
import io.tessera.benchmarks.serving.BenchmarkDefinitions;
import io.tessera.benchmarks.stack.BenchmarkStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The training benchmark's Markdown: setup, one table row per job, the profile, the verdict. */
record TrainingReport(
    String command,
    String loadBefore,
    int users,
    int eventsPerUser,
    int spineRows,
    long events,
    double loadSeconds,
    int checkedRows,
    List<TrainingBenchmark.Run> runs) {

  void write(Path output) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("# Training data throughput");
    lines.add("");
    lines.add(
        f(
            "Run %s with `%s` on %d cores (load average before: %s). %,d users with %,d events"
                + " each (%,d in all) at random times over the 7 days before the load, produced to"
                + " a 4-partition source topic before the view existed; view `%s` (count, sum,"
                + " mean, max, last, approx_percentile(0.9) of `amount` over 1h, 1d and 7d: %d"
                + " values per row) and service `%s` registered; ingest replayed the topic, the"
                + " owner sealed it into Cassandra and the follower followed: exact served values"
                + " %.0f s after registering. Services run as their exec jars with the production"
                + " flags: %s.",
            Instant.now(),
            command,
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            users,
            eventsPerUser,
            events,
            BenchmarkDefinitions.VIEW,
            BenchmarkDefinitions.VALUES_PER_ENTITY,
            BenchmarkDefinitions.SERVICE,
            loadSeconds,
            BenchmarkStack.jvmFlags()));
    lines.add("");
    lines.add(
        f(
            "Job: `POST /api/v1/training-data` with a CSV spine of %,d rows (a uniformly drawn"
                + " user at a uniformly drawn time over the week, and a `row_id` label), Parquet"
                + " output, then its status polled every 100 ms until final. Wall time is request"
                + " to final status (spine loaded into DuckDB, swept, output written); the sweep"
                + " rate is the job's own `rowsPerSecond`. Heap: the serving process's heap in use"
                + " sampled every 100 ms (garbage included). Checked: the 1h/1d/7d counts of %d"
                + " sampled output rows against a brute-force oracle over the generated events.",
            spineRows, checkedRows));
    lines.add("");
    lines.add(
        "| job | rows/s (wall) | wall time | sweep rows/s | serving CPU | serving CPU per row"
            + " | Cassandra CPU | peak heap (serving) | wrong counts |");
    lines.add("|---|---|---|---|---|---|---|---|---|");
    for (TrainingBenchmark.Run run : runs) {
      TrainingJobClient.Result job = run.job();
      double serving = run.cpuCores().getOrDefault("serving (follower)", Double.NaN);
      double cassandra = run.cpuCores().getOrDefault("cassandra", Double.NaN);
      lines.add(
          f(
              "| %s | %,.0f | %.1f s | %,.0f | %.2f cores | %.0f µs | %.2f cores | %,.0f MiB |"
                  + " %d of %d |",
              run.name(),
              spineRows / job.wallSeconds(),
              job.wallSeconds(),
              job.sweepRowsPerSecond(),
              serving,
              serving * job.wallSeconds() / spineRows * 1e6,
              cassandra,
              job.peakHeapBytes() / (1024 * 1024),
              run.wrongCounts(),
              3 * Math.min(checkedRows, spineRows)));
    }
    TrainingBenchmark.Run measured = runs.get(runs.size() - 1);
    lines.add("");
    lines.add("CPU of the measured job, by process (cores over its wall time):");
    lines.add("");
    lines.add("| process | cores |");
    lines.add("|---|---|");
    measured.cpuCores().forEach((name, cores) -> lines.add(f("| %s | %.2f |", name, cores)));
    share(
        lines, "Serving's JFR CPU samples of the measured job, top frames", measured.topMethods());
    share(lines, "by thread", measured.topThreads());
    double rate = spineRows / measured.job().wallSeconds();
    lines.add("");
    lines.add(
        f(
            "- **%s**: >= %,.0f spine rows/s end to end (measured %,.0f; stretch %,.0f)",
            rate >= TrainingBenchmark.TARGET_ROWS_PER_SECOND ? "met" : "missed",
            TrainingBenchmark.TARGET_ROWS_PER_SECOND,
            rate,
            TrainingBenchmark.STRETCH_ROWS_PER_SECOND));
    lines.add("");
    lines.addAll(KeptAnalysis.of(output));
    Files.write(output, lines);
  }

  private static void share(List<String> lines, String title, Map<String, Double> shares) {
    if (shares.isEmpty()) {
      return;
    }
    lines.add("");
    lines.add(title + ":");
    lines.add("");
    lines.add("| frame | share of samples |");
    lines.add("|---|---|");
    shares.forEach((name, share) -> lines.add(f("| `%s` | %.1f%% |", name, 100 * share)));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
