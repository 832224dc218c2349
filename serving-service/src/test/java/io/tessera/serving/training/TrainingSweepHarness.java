package io.tessera.serving.training;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.serving.store.SealedWindowIrCache;
import io.tessera.testsupport.BenchmarkView;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sweep alone, without the stack: what {@code ./tessera bench training} measures end to end,
 * minus Kafka, Cassandra, DuckDB and the output file. The benchmark's data shape (users with events
 * at random times over the week before, a spine of a uniformly drawn user at a uniformly drawn time
 * over that week, the view's six aggregations of {@code amount} over 1h, 1d and 7d), sealed by an
 * owner into an in-memory store and followed; then {@link TrainingSweep} over {@link
 * ServedTimelines}, as a job runs it (a CPU pool of one thread per core, eight groups in flight,
 * the training cache's production bound). Prints rows/s and the process's CPU per row of each run.
 *
 * <p>Run (after {@code mvn -o -q test-compile -pl serving-service -am}), see
 * docs/benchmarks/training.md for the classpath: {@code java -cp ... TrainingSweepHarness [users]
 * [eventsPerUser] [rows] [runs]}; add {@code -XX:StartFlightRecording=filename=sweep.jfr} to
 * profile.
 */
final class TrainingSweepHarness {
  private static final long DAY_MS = 86_400_000L;
  private static final long END_MS = 20_000 * DAY_MS; // a fixed week: runs are comparable
  private static final long START_MS = END_MS - 7 * DAY_MS;

  private TrainingSweepHarness() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int eventsPerUser = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    FeatureView definition =
        DefinitionJson.readView(BenchmarkView.json("bench_txn", "txn")).orThrow();
    Random random = new Random(42);
    List<Event> events = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int e = 0; e < eventsPerUser; e++) {
        long timeMs = START_MS + (long) (random.nextDouble() * 7 * DAY_MS);
        double amount = Math.round(random.nextDouble() * 50_000) / 100.0;
        events.add(new Event("u" + u, timeMs, "e" + u + "-" + e, 0, Map.of("amount", amount)));
      }
    }
    long buildStart = System.nanoTime();
    FollowedHistory history =
        FollowedHistory.of(definition, events, END_MS + FollowedHistory.LATENESS_MS + 120_000);
    System.out.printf(
        Locale.ROOT,
        "history: %d users x %d events sealed and followed in %.1f s%n",
        users,
        eventsPerUser,
        (System.nanoTime() - buildStart) / 1e9);
    String[] keys = new String[rows];
    long[] times = new long[rows];
    for (int r = 0; r < rows; r++) {
      keys[r] = "u" + random.nextInt(users);
      times[r] = START_MS + (long) (random.nextDouble() * 7 * DAY_MS);
    }
    SpineRows spine = new SpineRows(List.of("user_id"), new String[][] {keys}, times);
    List<FeatureColumn> columns = history.columns();
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService cpu = Executors.newFixedThreadPool(cores);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try {
      for (int run = 1; run <= runs; run++) {
        ServedTimelines timelines =
            new ServedTimelines(
                history.reads(
                    new SealedWindowIrCache(
                        100_663_296,
                        Duration.ofMinutes(3),
                        new SimpleMeterRegistry(),
                        "training")));
        TrainingSweep sweep = new TrainingSweep(timelines, columns, Map.of(), END_MS, cpu, 8);
        AtomicLong checksum = new AtomicLong();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        sweep.run(
            spine, (row, values) -> checksum.addAndGet(values.length), done -> {}, () -> false);
        long wallNanos = System.nanoTime() - start;
        long cpuNanos = os.getProcessCpuTime() - cpuStart;
        System.out.printf(
            Locale.ROOT,
            "run %d: %,d rows in %.2f s: %,.0f rows/s, %.1f us CPU per row (%.2f cores); %s%n",
            run,
            rows,
            wallNanos / 1e9,
            rows / (wallNanos / 1e9),
            cpuNanos / 1e3 / rows,
            (double) cpuNanos / wallNanos,
            sweep.timings());
      }
    } finally {
      cpu.shutdownNow();
    }
  }
}
