package io.tessera.benchmarks.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tessera.benchmarks.profile.ProcessCpu;
import io.tessera.benchmarks.run.BenchmarkArguments;
import io.tessera.benchmarks.run.BenchmarkMain;
import io.tessera.harness.process.RepositoryRoot;
import io.tessera.testsupport.LocalStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Measures this machine's Cassandra ceilings with Kafka taking a steady stream beside it, and
 * writes them as Markdown: batched write throughput, and single-partition read latency and
 * throughput, on a table shaped like the tiles (one partition per entity, one row per tile).
 *
 * <p>Usage: {@code StoreCeilingBenchmark OUTPUT.md}; {@code ./tessera bench store} runs it against
 * the local stack.
 */
public final class StoreCeilingBenchmark {

  /** One partition per entity with an hour of minute tiles: the shape serving reads most. */
  private static final int ROWS_PER_PARTITION = 60;

  private static final int PARTITIONS = 5_000;
  private static final int ROWS_PER_BATCH = 20;
  private static final int IR_BYTES = 64;
  private static final int BACKGROUND_EVENTS_PER_SECOND = 5_000;
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration LATENCY_RUN = Duration.ofSeconds(15);
  private static final Duration THROUGHPUT_RUN = Duration.ofSeconds(15);
  private static final int THROUGHPUT_CONCURRENCY = 64;
  private static final int WRITE_CONCURRENCY = 32;

  private StoreCeilingBenchmark() {}

  public static void main(String[] args) {
    BenchmarkMain.run("store", StoreCeilingBenchmark::run, args);
  }

  private static void run(BenchmarkArguments args) throws Exception {
    Path output = args.report();
    String loadBefore = ProcessCpu.loadAverage();
    LocalStack stack = LocalStack.get();
    CqlSession session = stack.cqlSession();
    session.execute(
        "CREATE TABLE IF NOT EXISTS bench_tile_like (entity text, tile_start bigint, ir blob,"
            + " PRIMARY KEY ((entity), tile_start))");
    session.execute("TRUNCATE bench_tile_like");
    PreparedStatement insert =
        session.prepare("INSERT INTO bench_tile_like (entity, tile_start, ir) VALUES (?, ?, ?)");
    PreparedStatement readPartition =
        session.prepare("SELECT tile_start, ir FROM bench_tile_like WHERE entity = ?");
    PreparedStatement readRow =
        session.prepare("SELECT ir FROM bench_tile_like WHERE entity = ? AND tile_start = ?");

    List<String> report = new ArrayList<>();
    try (BackgroundKafkaLoad kafka = new BackgroundKafkaLoad(stack, BACKGROUND_EVENTS_PER_SECOND)) {
      byte[] ir = new byte[IR_BYTES];
      new SplittableRandom(42).nextBytes(ir);
      int batchesPerPartition = ROWS_PER_PARTITION / ROWS_PER_BATCH;
      ProcessCpu cassandraCpu = new ProcessCpu(cassandraPid());
      cassandraCpu.start();
      AsyncLoad.Result writes =
          AsyncLoad.forCount(
              WRITE_CONCURRENCY,
              (long) PARTITIONS * batchesPerPartition,
              i -> {
                int partition = (int) (i / batchesPerPartition);
                int firstRow = (int) (i % batchesPerPartition) * ROWS_PER_BATCH;
                List<BatchableStatement<?>> rows = new ArrayList<>(ROWS_PER_BATCH);
                for (int r = firstRow; r < firstRow + ROWS_PER_BATCH; r++) {
                  rows.add(insert.bind(entity(partition), r * 60_000L, ByteBuffer.wrap(ir)));
                }
                // Unlogged, and within one partition: one mutation, no batch log.
                return session.executeAsync(BatchStatement.newInstance(BatchType.UNLOGGED, rows));
              });
      long rowsWritten = writes.operations() * ROWS_PER_BATCH;
      report.add(
          row(
              "batched writes (unlogged, " + ROWS_PER_BATCH + " rows/partition batch)",
              WRITE_CONCURRENCY,
              String.format("%,.0f rows/s", rowsWritten / (writes.elapsed().toNanos() / 1e9))
                  + cpuPerOperation(cassandraCpu.stop(), writes.elapsed(), rowsWritten, "row"),
              writes));

      // One request per row: what the aggregation-service sends per event (its log row, its tile).
      SplittableRandom singles = new SplittableRandom(11);
      cassandraCpu.start();
      AsyncLoad.Result single =
          AsyncLoad.forDuration(
              THROUGHPUT_CONCURRENCY,
              THROUGHPUT_RUN,
              i ->
                  session.executeAsync(
                      insert.bind(
                          entity(singles.nextInt(PARTITIONS)),
                          (ROWS_PER_PARTITION + i) * 60_000L,
                          ByteBuffer.wrap(ir))));
      report.add(
          row(
              "single-row writes (one request each)",
              THROUGHPUT_CONCURRENCY,
              String.format("%,.0f writes/s", single.operationsPerSecond())
                  + cpuPerOperation(
                      cassandraCpu.stop(), single.elapsed(), single.operations(), "request"),
              single));

      SplittableRandom random = new SplittableRandom(7);
      AsyncLoad.forDuration(
          THROUGHPUT_CONCURRENCY,
          WARM_UP,
          i -> session.executeAsync(readPartition.bind(entity(random.nextInt(PARTITIONS)))));

      AsyncLoad.Result oneRow =
          AsyncLoad.forDuration(
              1,
              LATENCY_RUN,
              i ->
                  session.executeAsync(
                      readRow.bind(
                          entity(random.nextInt(PARTITIONS)),
                          random.nextInt(ROWS_PER_PARTITION) * 60_000L)));
      report.add(row("read one row by key, one at a time", 1, rate(oneRow), oneRow));

      AsyncLoad.Result latency =
          AsyncLoad.forDuration(
              1,
              LATENCY_RUN,
              i -> session.executeAsync(readPartition.bind(entity(random.nextInt(PARTITIONS)))));
      report.add(
          row(
              "read a whole partition (" + ROWS_PER_PARTITION + " rows), one at a time",
              1,
              rate(latency),
              latency));

      AsyncLoad.Result throughput =
          AsyncLoad.forDuration(
              THROUGHPUT_CONCURRENCY,
              THROUGHPUT_RUN,
              i -> session.executeAsync(readPartition.bind(entity(random.nextInt(PARTITIONS)))));
      report.add(
          row(
              "read a whole partition (" + ROWS_PER_PARTITION + " rows), saturated",
              THROUGHPUT_CONCURRENCY,
              rate(throughput),
              throughput));
      report.add("");
      report.add(
          String.format(
              "Kafka took %,d background events (%,d/s target) during the measurement.",
              kafka.sent(), BACKGROUND_EVENTS_PER_SECOND));
    }
    report.add("");
    report.add(
        "Load average (1, 5, 15 min) before: "
            + loadBefore
            + "; after: "
            + ProcessCpu.loadAverage()
            + ". On 2 cores, anything above 2 means other work competed for the CPU.");
    write(output, report);
    report.forEach(System.out::println);
  }

  /** The machine's load average, as Linux reports it; other work on the box skews every number. */
  private static Map<String, Long> cassandraPid() {
    Map<String, Long> servers = ProcessCpu.stackServers(RepositoryRoot.find());
    servers.keySet().retainAll(java.util.Set.of("cassandra"));
    return servers;
  }

  /** Cassandra's CPU per operation during a run, when its process is known. */
  private static String cpuPerOperation(
      Map<String, Double> cores, Duration elapsed, long operations, String unit) {
    Double cassandra = cores.get("cassandra");
    if (cassandra == null || operations == 0) {
      return "";
    }
    double micros = cassandra * elapsed.toNanos() / 1e3 / operations;
    return String.format(" (Cassandra %.2f cores, %.0f µs CPU per %s)", cassandra, micros, unit);
  }

  private static String entity(int partition) {
    return "user_" + partition;
  }

  private static String rate(AsyncLoad.Result result) {
    return String.format("%,.0f reads/s", result.operationsPerSecond());
  }

  private static String row(
      String what, int concurrency, String throughput, AsyncLoad.Result result) {
    Histogram h = result.latencyMicros();
    return String.format(
        "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f | %d |",
        what,
        concurrency,
        throughput,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0,
        result.errors());
  }

  private static void write(Path output, List<String> rows) throws IOException {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memoryGiB = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() >> 30;
    List<String> lines = new ArrayList<>();
    lines.add("# Store ceilings of the local stack");
    lines.add("");
    lines.add(
        "Measured by `./tessera bench store`"
            + " (`benchmarks/src/main/java/io/tessera/benchmarks/store/StoreCeilingBenchmark.java`)"
            + " against the local Cassandra 5.0.6 node (heap "
            + System.getenv().getOrDefault("TESSERA_CASSANDRA_HEAP", "768m")
            + ") with the local Kafka broker taking "
            + BACKGROUND_EVENTS_PER_SECOND
            + " events/s beside it. Latencies are from issuing the async driver call to its"
            + " completion, in milliseconds (HdrHistogram).");
    lines.add("");
    lines.add(
        String.format(
            "Machine: %d cores, %d GiB memory, %s %s, Java %s. Taken %s.",
            os.getAvailableProcessors(),
            memoryGiB,
            os.getName(),
            os.getArch(),
            System.getProperty("java.version"),
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    lines.add("");
    lines.add(
        "| operation | in flight | throughput | p50 ms | p99 ms | p99.9 ms | max ms | errors |");
    lines.add("|---|---|---|---|---|---|---|---|");
    lines.addAll(rows);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines);
  }
}
