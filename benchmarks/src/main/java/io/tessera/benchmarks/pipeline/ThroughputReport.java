package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.profile.Measurement;
import io.tessera.benchmarks.stack.BenchmarkStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code docs/benchmarks/throughput.md}: what {@link ThroughputBenchmark} measured, and verdicts.
 */
final class ThroughputReport {

  /** What the run measured; rates are per second over the measured interval. */
  record Run(
      int offered,
      Duration measure,
      double produced,
      double normalized,
      double applied,
      double followerApplied,
      Trend ownerLag,
      Trend followerLag,
      Trend ownerHeap,
      Trend followerHeap,
      Trend ownerOpen,
      Trend followerOpen,
      Trend ownerSpilled,
      Trend followerSpilled,
      double ownerBudget,
      double followerBudget,
      long ownerRequests,
      long followerRequests,
      double ownerLagAfterDrain,
      double followerLagAfterDrain,
      double drainSeconds,
      int samples) {}

  private ThroughputReport() {}

  static void write(
      Path output, String command, Run run, FreshnessProbes probes, Measurement.Result result)
      throws Exception {
    PipelineReport report =
        new PipelineReport(
            "Sustained ingest throughput",
            command,
            "benchmarks/src/main/java/io/tessera/benchmarks/pipeline/ThroughputBenchmark.java",
            String.format(
                "registry, ingest, aggregation (owner) and serving (follower) as their"
                    + " exec jars on the local stack; an open-loop generator offers %,d events/s"
                    + " (%s) to the view's Kafka topic for %d s after %d s of warm-up. %s."
                    + " Rates are over the measured interval: Kafka end offsets for what was"
                    + " produced and normalized, the owner's `tessera.aggregation.events{outcome="
                    + "applied}` and the follower's `tessera.serving.follower.records{outcome="
                    + "Applied}` counters for what they applied. Lag is each one's own gauge (end"
                    + " offset minus consumer position, summed over the 4 partitions), sampled every"
                    + " %d s.",
                run.offered(),
                PipelineView.describe(),
                run.measure().toSeconds(),
                ThroughputBenchmark.WARM_UP.toSeconds(),
                FreshnessProbes.describe(ThroughputBenchmark.PROBES_PER_SECOND),
                RunSamples.EVERY.toSeconds()));
    report.load(result.loadBefore(), result.loadAfter());
    report.table(
        List.of("stage", "events/s"),
        List.of(
            List.of("offered (open loop)", String.format("%,d", run.offered())),
            List.of("produced to the source topic", String.format("%,.0f", run.produced())),
            List.of(
                "published to the normalized topic (events, watermarks, seal markers)",
                String.format("%,.0f", run.normalized())),
            List.of("applied by the owner (aggregation)", String.format("%,.0f", run.applied())),
            List.of(
                "applied by the follower (serving)",
                String.format("%,.0f", run.followerApplied()))));
    report.table(
        List.of("lag, records", "first fifth (mean)", "last fifth (mean)", "max", "after the load"),
        List.of(
            lagRow("owner (aggregation)", run.ownerLag(), run.ownerLagAfterDrain()),
            lagRow("follower (serving)", run.followerLag(), run.followerLagAfterDrain())));
    report.paragraph(
        String.format(
            "After the load stopped, the backlog drained in %.0f s%s.",
            run.drainSeconds(),
            run.ownerLagAfterDrain() > 0 || run.followerLagAfterDrain() > 0
                ? " (limit reached: not drained)"
                : ""));
    report.image("lag over the run", "throughput-lag.png");
    report.image("rates over the run", "throughput-rates.png");

    report.heading("Cassandra requests per applied event");
    double ownerPerEvent = run.ownerRequests() / Math.max(1.0, run.applied() * result.seconds());
    report.paragraph(
        String.format(
            "Counted by the Cassandra node itself: `system_views.clients.request_count` of each"
                + " connection, attributed to a process by the connection's client port"
                + " (`/proc/<pid>/fd` and `/proc/net/tcp`), before and after the measured interval."
                + " The owner sent %,d requests for %,.0f applied events: **%.3f requests per"
                + " applied event**. The follower sent %,d (sealed-row reads for the probes' REST"
                + " reads and its own start-up), %.3f per applied event.",
            run.ownerRequests(),
            run.applied() * result.seconds(),
            ownerPerEvent,
            run.followerRequests(),
            run.followerRequests() / Math.max(1.0, run.applied() * result.seconds())));

    report.heading("Heap");
    report.paragraph(
        "`jvm.memory.used{area=heap}`, the open-state estimate (`tessera.aggregation.open.bytes`,"
            + " `tessera.serving.open.bytes`) and the raw events spilled past the open-state budget"
            + " (`tessera.*.open.spilled`, bytes in files) from each service's actuator every "
            + RunSamples.EVERY.toSeconds()
            + " s. The heaps are fixed (-Xms = -Xmx): "
            + BenchmarkStack.AGGREGATION_HEAP
            + " for aggregation and "
            + BenchmarkStack.SERVING_HEAP
            + " for serving (`TESSERA_AGGREGATION_HEAP`, `TESSERA_SERVING_HEAP`, as"
            + " `./tessera up` reads them); the open-state budget"
            + String.format(
                " (`tessera.*.open.budget`) was %.0f MiB in aggregation and %.0f MiB in serving",
                run.ownerBudget() / (1 << 20), run.followerBudget() / (1 << 20))
            + " (40% of the heap, docs/aggregation.md). The heap's floor is the smallest sample"
            + " of the first and of the last 30 s (live data after collections); open state and"
            + " spilled bytes are the means of the first and last fifth.");
    report.table(
        List.of("MiB", "first", "last", "max"),
        List.of(
            mibRow("aggregation heap (floor)", run.ownerHeap()),
            mibRow("serving heap (floor)", run.followerHeap()),
            mibRow("aggregation open state", run.ownerOpen()),
            mibRow("serving open state", run.followerOpen()),
            mibRow("aggregation spilled (files)", run.ownerSpilled()),
            mibRow("serving spilled (files)", run.followerSpilled())));
    report.image("heap over the run", "throughput-heap.png");

    report.heading("Freshness while loaded");
    Histogram h = probes.micros();
    report.latencies(
        Map.of("produce → served by the follower (REST)", h),
        Map.of("produce → served by the follower (REST)", probes.lost()));
    report.image("freshness distribution under load", "throughput-freshness.png");

    report.heading("CPU");
    report.paragraph(
        "Cores used during the measured interval (`/proc/<pid>/stat`) and microseconds of CPU per"
            + " event applied by the owner:");
    report.cpu(result.cores(), run.applied());
    result
        .threads()
        .forEach((name, threads) -> report.profile(name, threads, result.recordings().get(name)));

    String load = "load " + result.loadAfter();
    report.verdict(
        String.format("sustained ingest ≥ 30,000 events/s (offered %,d)", run.offered()),
        run.applied() >= 30_000 && !ThroughputBenchmark.lagGrew(run.ownerLag(), run.produced()),
        String.format("%,.0f events/s applied by the owner, %s", run.applied(), load));
    report.verdict(
        "lag not growing (owner and follower): the last fifth's mean lag is within 5 s of the"
            + " produced rate of the first's, and the backlog drained after the load",
        !ThroughputBenchmark.lagGrew(run.ownerLag(), run.produced())
            && !ThroughputBenchmark.lagGrew(run.followerLag(), run.produced())
            && run.ownerLagAfterDrain() <= 0
            && run.followerLagAfterDrain() <= 0,
        String.format(
            "owner %,.0f → %,.0f, follower %,.0f → %,.0f records; after the load %,.0f and %,.0f",
            run.ownerLag().first(),
            run.ownerLag().last(),
            run.followerLag().first(),
            run.followerLag().last(),
            run.ownerLagAfterDrain(),
            run.followerLagAfterDrain()));
    double p99 = h.getValueAtPercentile(99) / 1000.0;
    report.verdict(
        "freshness p99 < 1 s while loaded",
        p99 < ThroughputBenchmark.freshnessTargetMs() && h.getTotalCount() > 0,
        String.format("%.0f ms, %d never served", p99, probes.lost()));
    report.verdict(
        "Cassandra requests per applied event ≤ 0.1",
        ownerPerEvent <= ThroughputBenchmark.requestsTarget(),
        String.format("%.3f at %,.0f events/s applied", ownerPerEvent, run.applied()));
    report.verdict(
        "heap of aggregation and serving within the budget (the fixed heap, open state within"
            + " its budget), no growth",
        !ThroughputBenchmark.heapGrew(run.ownerHeap())
            && !ThroughputBenchmark.heapGrew(run.followerHeap())
            && run.ownerHeap().max() < BenchmarkStack.bytes(BenchmarkStack.AGGREGATION_HEAP)
            && run.followerHeap().max() < BenchmarkStack.bytes(BenchmarkStack.SERVING_HEAP)
            && withinBudget(run.ownerOpen(), run.ownerBudget())
            && withinBudget(run.followerOpen(), run.followerBudget()),
        String.format(
            "floors aggregation %.0f → %.0f MiB, serving %.0f → %.0f MiB; open state at most %.0f"
                + " of %.0f MiB (aggregation), %.0f of %.0f MiB (serving)",
            run.ownerHeap().first() / (1 << 20),
            run.ownerHeap().last() / (1 << 20),
            run.followerHeap().first() / (1 << 20),
            run.followerHeap().last() / (1 << 20),
            run.ownerOpen().max() / (1 << 20),
            run.ownerBudget() / (1 << 20),
            run.followerOpen().max() / (1 << 20),
            run.followerBudget() / (1 << 20)));
    report.write(output);
  }

  /**
   * Whether the open state stayed within its budget: a state checks the budget after each event it
   * applies, so it may pass it by what one poll applies before it spills; 5% allows that.
   */
  private static boolean withinBudget(Trend open, double budgetBytes) {
    return !Double.isNaN(budgetBytes) && open.max() <= budgetBytes * 1.05;
  }

  private static List<String> lagRow(String name, Trend lag, double after) {
    return List.of(
        name,
        String.format("%,.0f", lag.first()),
        String.format("%,.0f", lag.last()),
        String.format("%,.0f", lag.max()),
        String.format("%,.0f", after));
  }

  private static List<String> mibRow(String name, Trend bytes) {
    return List.of(
        name,
        String.format("%.0f", bytes.first() / (1 << 20)),
        String.format("%.0f", bytes.last() / (1 << 20)),
        String.format("%.0f", bytes.max() / (1 << 20)));
  }
}
