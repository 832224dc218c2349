package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.profile.ProcessCpu;
import io.tessera.e2e.kafka.ConsumerLag;
import io.tessera.e2e.kafka.TopicFollower;
import io.tessera.e2e.load.KafkaSink;
import io.tessera.e2e.load.StreamDriver;
import io.tessera.e2e.pipeline.ServiceSpecs;
import io.tessera.e2e.process.RepositoryRoot;
import io.tessera.e2e.process.ServiceProcess;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.records.normalized.NormalizedKey;
import io.tessera.testsupport.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Freshness while 5,000 events/s stream in the background: from handing a probe event to the Kafka
 * producer until a read sees it, through the engine's read plan from Cassandra and, when
 * serving-service starts, through {@code POST /api/v1/features}. Also the ingest share: from
 * production until the normalized event reaches a consumer of the normalized topic.
 *
 * <p>Usage: {@code FreshnessBenchmark OUTPUT.md}; {@code ./tessera bench freshness} runs it.
 */
public final class FreshnessBenchmark {

  /** The background rate; the second argument overrides it. */
  static final int DEFAULT_BACKGROUND_EVENTS_PER_SECOND = 5_000;

  static final int ENTITIES = 10_000;
  static final Duration WARM_UP = Duration.ofSeconds(20);

  /**
   * How long the load may run before the probes start, for the stack to reach steady state: the
   * first minute loads every entity cold (a read and a first write per entity), which builds a
   * backlog. The measurement is of freshness under steady load, so it waits until aggregation is
   * less than a second of events behind, or this long (then it measures anyway and says so).
   */
  static final Duration MAX_SETTLE = Duration.ofMinutes(3);

  static final Duration MEASURE = Duration.ofSeconds(60);

  private FreshnessBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/freshness.md");
    int offeredRate =
        args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_BACKGROUND_EVENTS_PER_SECOND;
    LocalStack stack = LocalStack.get();
    try (BenchmarkPipeline bench = new BenchmarkPipeline()) {
      ServiceProcess serving = startServing(bench);
      Map<String, Long> arrivedAtMs = new ConcurrentHashMap<>();
      String readPlanEntity = bench.view + "_probe_plan";
      try (TopicFollower normalized =
              new TopicFollower(
                  stack.kafkaProperties(),
                  bench.names.normalizedTopic(),
                  record -> {
                    // Watermark records (no key) share the topic: only events are timed.
                    if (record.key() != null
                        && NormalizedKey.decode(record.key()).entityKey().equals(readPlanEntity)) {
                      arrivedAtMs.put(
                          NormalizedEventCodec.decode(record.value()).eventId(),
                          System.currentTimeMillis());
                    }
                  });
          ConsumerLag lag =
              new ConsumerLag(
                  stack.kafkaProperties(),
                  bench.names.normalizedTopic(),
                  bench.names.aggregationGroup());
          KafkaSink backgroundSink = bench.sink();
          StreamDriver background =
              new StreamDriver(
                  List.of(
                      new StreamDriver.Stream(bench.background(ENTITIES, 11), backgroundSink, 1)),
                  offeredRate,
                  StreamDriver.Bursts.NONE,
                  null)) {
        long loadStartNanos = System.nanoTime();
        boolean settled = settle(lag, offeredRate);
        long settleSeconds = (System.nanoTime() - loadStartNanos) / 1_000_000_000L;
        List<ProbeRun> runs = new ArrayList<>();
        runs.add(
            new ProbeRun(
                "read plan (Cassandra)",
                bench.view,
                readPlanEntity,
                bench.sink(),
                entity -> ReadPaths.readPlan(bench.store, bench.spec, entity)));
        if (serving != null) {
          runs.add(
              new ProbeRun(
                  "serving POST /api/v1/features",
                  bench.view,
                  bench.view + "_probe_serving",
                  bench.sink(),
                  entity -> ReadPaths.serving(serving.uri("/"), bench.view, entity)));
        }
        runs.forEach(run -> run.start(WARM_UP, MEASURE));
        Thread.sleep(WARM_UP.toMillis()); // the probes warm up meanwhile: pacing, not a wait
        long sentBefore = background.sent();
        long startNanos = System.nanoTime();
        ProcessCpu cpu = new ProcessCpu(pids(bench, serving));
        cpu.start();
        for (ProbeRun run : runs) {
          run.join();
        }
        Map<String, Double> cores = cpu.stop();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double backgroundRate = (background.sent() - sentBefore) / seconds;
        long lagAtEnd = lag.total();

        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, Long> lost = new LinkedHashMap<>();
        for (ProbeRun run : runs) {
          histograms.put(run.name, run.micros());
          lost.put(run.name, run.lost());
        }
        histograms.put("ingest share: produce → normalized", ingestShare(runs.get(0), arrivedAtMs));
        String steady =
            settled
                ? "The load ran %d s before the probes started: aggregation was then less than a second of events behind."
                    .formatted(settleSeconds)
                : "Aggregation did not get within a second of events of the load in %d s; the probes started anyway."
                    .formatted(settleSeconds);
        report(
            output,
            offeredRate,
            histograms,
            lost,
            backgroundRate,
            lagAtEnd,
            steady,
            cores,
            serving != null);
      } finally {
        if (serving != null) {
          serving.close();
        }
      }
    }
    System.exit(0);
  }

  /** Serving, if it starts (it is optional: the read plan is what it runs). */
  private static ServiceProcess startServing(BenchmarkPipeline bench) {
    try {
      return ServiceProcess.start(ServiceSpecs.serving(bench.names, BenchmarkPipeline.SERVICE_JVM))
          .awaitHealthy();
    } catch (RuntimeException e) {
      System.err.println("serving-service did not start; measuring the read plan only: " + e);
      return null;
    }
  }

  private static Histogram ingestShare(ProbeRun run, Map<String, Long> arrivedAtMs) {
    Histogram micros = new Histogram(3);
    run.producedAtMs()
        .forEach(
            (id, producedMs) -> {
              Long arrived = arrivedAtMs.get(id);
              if (arrived != null) {
                micros.recordValue(Math.max(0, arrived - producedMs) * 1000);
              }
            });
    return micros;
  }

  private static Map<String, Long> pids(BenchmarkPipeline bench, ServiceProcess serving) {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("ingest-service", bench.pipeline.ingest().pid());
    pids.put("aggregation-service", bench.pipeline.aggregation().pid());
    if (serving != null) {
      pids.put("serving-service", serving.pid());
    }
    pids.putAll(ProcessCpu.stackServers(RepositoryRoot.find()));
    pids.put("benchmark (load generator and probes)", ProcessHandle.current().pid());
    return pids;
  }

  /** Waits until the group's committed lag is under one second of events; false on timeout. */
  private static boolean settle(ConsumerLag lag, int eventsPerSecond) throws InterruptedException {
    long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
    Thread.sleep(WARM_UP.toMillis());
    while (lag.total() > eventsPerSecond) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(2_000);
    }
    return true;
  }

  private static void report(
      Path output,
      int offeredRate,
      Map<String, Histogram> histograms,
      Map<String, Long> lost,
      double backgroundRate,
      long lagAtEnd,
      String steady,
      Map<String, Double> cores,
      boolean servingMeasured)
      throws Exception {
    PipelineReport report =
        new PipelineReport(
            "Freshness under load",
            "Measured by `./tessera bench freshness`"
                + " (`benchmarks/src/main/java/io/tessera/benchmarks/pipeline/FreshnessBenchmark.java`):"
                + " registry, ingest and aggregation (and serving) run as their exec jars against the"
                + " local Kafka, Cassandra and Kinesis-API servers, while an open-loop generator"
                + " produces "
                + offeredRate
                + " events/s over "
                + ENTITIES
                + " entities to the view's Kafka topic. A probe hands one event at a time to its own"
                + " Kafka producer and reads its entity until the value counts it; freshness is that"
                + " time, including one read. The load first runs until aggregation is less than a"
                + " second behind (at most "
                + MAX_SETTLE.toMinutes()
                + " min), then the probes warm up for "
                + WARM_UP.toSeconds()
                + " s, then "
                + MEASURE.toSeconds()
                + " s measured.");
    report.latencies(histograms, lost);
    report.paragraph(
        String.format(
            "%s Background load achieved: %,.0f events/s; aggregation lag when the measurement"
                + " ended: %,d records.%s",
            steady,
            backgroundRate,
            lagAtEnd,
            servingMeasured
                ? ""
                : " serving-service did not start, so only the read plan was probed."));
    report.paragraph("CPU during the measurement (`/proc`, user + system):");
    report.cpu(cores);
    report.write(output);
  }
}
