package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.profile.ProcessCpu;
import io.tessera.e2e.kafka.ConsumerLag;
import io.tessera.e2e.load.StreamDriver;
import io.tessera.e2e.process.RepositoryRoot;
import io.tessera.testsupport.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Sustained ingest: an open-loop generator offers a fixed rate (default 30,000 events/s) to the
 * view's Kafka topic for a bounded time while a probe measures freshness through the read plan.
 * Each stage's rate comes from Kafka offsets (produced, consumed by ingest, normalized, applied by
 * aggregation), so the report shows which stage falls behind; after the run, the time to drain the
 * backlog is the ceiling of the slowest stage.
 *
 * <p>Usage: {@code ThroughputBenchmark OUTPUT.md [events/s]}; {@code ./tessera bench throughput}.
 */
public final class ThroughputBenchmark {

  static final int ENTITIES = 100_000;
  static final Duration WARM_UP = Duration.ofSeconds(10);
  static final Duration MEASURE = Duration.ofSeconds(60);
  static final Duration DRAIN_LIMIT = Duration.ofSeconds(90);

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/throughput.md");
    int offered = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    LocalStack stack = LocalStack.get();
    try (BenchmarkPipeline bench = new BenchmarkPipeline();
        ConsumerLag ingest =
            new ConsumerLag(
                stack.kafkaProperties(),
                bench.sourceTopic,
                "tessera-ingest." + bench.view + ".v1");
        ConsumerLag aggregation =
            new ConsumerLag(
                stack.kafkaProperties(),
                bench.names.normalizedTopic(),
                bench.names.aggregationGroup())) {
      ProbeRun probe =
          new ProbeRun(
              "read plan (Cassandra)",
              bench.view,
              bench.view + "_probe",
              bench.sink(),
              entity -> ReadPaths.readPlan(bench.store, bench.spec, entity));
      StreamDriver driver =
          new StreamDriver(
              List.of(new StreamDriver.Stream(bench.background(ENTITIES, 17), bench.sink(), 1)),
              offered,
              StreamDriver.Bursts.NONE,
              null);
      probe.start(WARM_UP, MEASURE);
      Thread.sleep(WARM_UP.toMillis()); // pacing: the warm-up runs meanwhile
      ProcessCpu cpu = new ProcessCpu(pids(bench));
      cpu.start();
      OffsetTotals start = OffsetTotals.read(ingest, aggregation);
      probe.join();
      OffsetTotals end = OffsetTotals.read(ingest, aggregation);
      Map<String, Double> cores = cpu.stop();
      driver.close();

      long backlog = (end.produced() - end.applied());
      long drainStart = System.nanoTime();
      OffsetTotals now = OffsetTotals.read(ingest, aggregation);
      while (now.applied() < now.produced()
          && System.nanoTime() - drainStart < DRAIN_LIMIT.toNanos()) {
        Thread.sleep(1_000); // polling Kafka's offsets once a second
        now = OffsetTotals.read(ingest, aggregation);
      }
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      long drained = now.applied() - end.applied();
      report(
          output,
          offered,
          end.ratesSince(start),
          end,
          now,
          backlog,
          drained,
          drainSeconds,
          probe,
          cores);
    }
    System.exit(0);
  }

  private static Map<String, Long> pids(BenchmarkPipeline bench) {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("ingest-service", bench.pipeline.ingest().pid());
    pids.put("aggregation-service", bench.pipeline.aggregation().pid());
    pids.putAll(ProcessCpu.stackServers(RepositoryRoot.find()));
    pids.put("benchmark (load generator and probe)", ProcessHandle.current().pid());
    return pids;
  }

  private static void report(
      Path output,
      int offered,
      OffsetTotals rates,
      OffsetTotals end,
      OffsetTotals drainedTo,
      long backlog,
      long drained,
      double drainSeconds,
      ProbeRun probe,
      Map<String, Double> cores)
      throws Exception {
    PipelineReport report =
        new PipelineReport(
            "Sustained ingest throughput",
            "Measured by `./tessera bench throughput`"
                + " (`benchmarks/src/main/java/io/tessera/benchmarks/pipeline/ThroughputBenchmark.java`):"
                + " registry, ingest and aggregation as their exec jars on the local stack; an"
                + " open-loop generator offers "
                + String.format("%,d", offered)
                + " events/s over "
                + String.format("%,d", ENTITIES)
                + " entities to the view's Kafka topic for "
                + MEASURE.toSeconds()
                + " s (after "
                + WARM_UP.toSeconds()
                + " s of warm-up), while a probe measures freshness through the read plan. Stage"
                + " rates are Kafka offset deltas over the measured interval.");
    report.table(
        List.of("stage", "events/s"),
        List.of(
            List.of("offered (open loop)", String.format("%,d", offered)),
            List.of("produced to the source topic", String.format("%,d", rates.produced())),
            List.of("consumed by ingest (committed)", String.format("%,d", rates.ingested())),
            List.of("normalized (published by ingest)", String.format("%,d", rates.normalized())),
            List.of(
                "applied by aggregation (committed after Cassandra writes)",
                String.format("%,d", rates.applied()))));
    report.paragraph(
        String.format(
            "When the load stopped: %,d events produced, %,d applied (backlog %,d; ingest lag"
                + " %,d, aggregation lag %,d). The backlog then drained at %,.0f events/s (%,d events"
                + " in %.0f s%s).",
            end.produced(),
            end.applied(),
            backlog,
            end.produced() - end.ingested(),
            end.normalized() - end.applied(),
            drained / Math.max(drainSeconds, 1e-3),
            drained,
            drainSeconds,
            drainedTo.applied() >= drainedTo.produced() ? "" : ", limit reached before the end"));
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    histograms.put(probe.name, probe.micros());
    report.paragraph("Freshness during the run (produce to readable):");
    report.latencies(histograms, Map.of(probe.name, probe.lost()));
    report.paragraph("CPU during the measurement (`/proc`, user + system):");
    report.cpu(cores);
    report.write(output);
  }
}
