package io.tessera.benchmarks.backfill;

import io.tessera.backfill.BackfillProgress;
import io.tessera.backfill.Cancellation;
import io.tessera.backfill.LineageBackfill;
import io.tessera.backfill.SourceBackfill;
import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import io.tessera.benchmarks.profile.ProcessCpu;
import io.tessera.benchmarks.run.BenchmarkMain;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.harness.process.RepositoryRoot;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.storage.bulk.BulkSealedStore;
import io.tessera.storage.bulk.BulkSettings;
import io.tessera.storage.bulk.JmxImport;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.Role;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.SealedSpanPlanner;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backfills a generated Parquet history (events over entities and days, ids unique) into the local
 * stack's Cassandra through a view's batch source ({@link SourceBackfill}: the batch-source reader,
 * the view's transformation, the backfill writer with the stream's sealing code), with as many
 * units in parallel as the machine has cores. The clock stops once every unit is durable and a
 * value read back as a replica reads it (sealed rows and tiles before the stream's start) equals
 * the same windows computed by DuckDB over the file. Writes the events per second, where the CPU
 * went (this JVM, Cassandra) and the peak heap.
 *
 * <p>Usage: {@code BackfillBenchmark OUTPUT.md [events] [entities] [days] [import|cql]} (import,
 * the default: each unit's rows as SSTables the node imports; cql: a request per entity-hour);
 * {@code ./tessera bench backfill} runs it against the local stack.
 */
public final class BackfillBenchmark {
  private static final long DAY = 86_400_000L;
  private static final String ANALYSIS = "## Analysis";

  private BackfillBenchmark() {}

  public static void main(String[] args) {
    BenchmarkMain.run(BackfillBenchmark::run, args);
  }

  private static void run(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/backfill.md");
    long events = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
    int entities = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int days = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    String mode = args.length > 4 ? args[4] : "import";
    String loadBefore = ProcessCpu.loadAverage();
    int cores = Runtime.getRuntime().availableProcessors();

    long handOverMs = System.currentTimeMillis() / DAY * DAY;
    long fromMs = handOverMs - days * DAY;
    Path directory = Files.createTempDirectory("tessera-backfill-bench").toRealPath();
    Path file = directory.resolve("history.parquet");
    long generateStart = System.nanoTime();
    generate(file, events, entities, fromMs, handOverMs);
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;

    String name = UniqueNames.of("backfill_bench");
    FeatureView view =
        DefinitionJson.readView(
                """
                {"name": "%s", "entity": "user_id",
                 "source": {"type": "kafka", "topic": "unused"},
                 "batchSource": {"type": "files", "format": "parquet", "path": "%s"},
                 "schema": {"user_id": "string", "txn_id": "string", "amount": "long",
                            "ts": "long"},
                 "eventTime": {"field": "ts", "format": "epoch_millis"},
                 "eventId": "txn_id",
                 "features": [
                   {"name": "events", "function": "count", "windows": ["1h", "1d", "lifetime"]},
                   {"name": "amount_sum", "function": "sum", "input": "amount",
                    "windows": ["1h", "1d", "7d"]},
                   {"name": "amount_max", "function": "max", "input": "amount", "windows": ["7d"]}
                 ],
                 "allowedLateness": "2m"}
                """
                    .formatted(name, file))
            .orThrow();
    ViewSpec spec = ViewSpecs.of(view, name);
    Lineage lineage =
        new Lineage(name, name, 1, new ViewAggregator(spec), view.allowedLatenessMs(), handOverMs);

    LocalStack stack = LocalStack.get();
    SealedSchema schema = new SealedSchema(UniqueNames.of("bfb") + "_");
    schema.create(stack.cqlSession(), Duration.ofMinutes(1));
    long finestMs = new Tiling(spec.resolutions()).finestMs();
    CassandraSealedStore cql =
        new CassandraSealedStore(
            stack.cqlSession(), schema, storageName -> finestMs, ViewRetention.FOREVER);
    // import: each unit's rows as SSTables the node imports, as ./tessera up's aggregation does
    SealedStore store =
        switch (mode) {
          case "cql" -> cql;
          case "import" ->
              new BulkSealedStore(
                  cql,
                  storageName -> finestMs,
                  ViewRetention.FOREVER,
                  new BulkSettings(
                      LocalStack.TEST_KEYSPACE,
                      schema,
                      directory.resolve("sstables"),
                      BulkSettings.DEFAULT_BUFFER_MIB),
                  new JmxImport("127.0.0.1", stack.endpoints().cassandraJmxPort()));
          default -> throw new IllegalArgumentException("write mode cql or import, not " + mode);
        };
    BatchSourceAccess access =
        new BatchSourceAccess(
            ConfinedDirectories.of("batch-source", "benchmark", List.of(directory)),
            new JdbcAllowList("jdbc-urls", List.of()),
            JdbcCredentials.none(),
            new DuckDbSandbox(512L * 1024 * 1024));
    LineageBackfill writer =
        new LineageBackfill(
            lineage,
            "normalized",
            12,
            store,
            new LineageBackfill.Settings(
                directory.resolve("units"),
                cores,
                OpenStateBudget.configured(0, directory.resolve("spill").toString())));

    ProcessCpu cpu = new ProcessCpu(processes());
    BackfillProgress progress = new BackfillProgress();
    resetPeaks();
    cpu.start();
    long start = System.nanoTime();
    try {
      new SourceBackfill(writer, access, RecordLimits.DEFAULT)
          .run(
              view,
              1,
              fromMs,
              handOverMs,
              progress,
              row -> {
                throw new IllegalStateException("a generated row was refused: " + row);
              },
              new Cancellation());
      String entity = "u1";
      Map<String, Object> served = served(spec, lineage, store, entity, fromMs, handOverMs);
      Map<String, Object> expected = expected(file, entity, handOverMs);
      if (!served.equals(expected)) {
        throw new IllegalStateException("served " + served + ", DuckDB says " + expected);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Double> usage = cpu.stop();
      write(
          output,
          events,
          entities,
          days,
          mode,
          cores,
          generateSeconds,
          seconds,
          progress.snapshot(),
          usage,
          peakHeapBytes(),
          served,
          loadBefore);
    } finally {
      schema.drop(stack.cqlSession());
    }
  }

  /** The history as a batch table holds it, generated by DuckDB: ids unique, entities spread. */
  private static void generate(Path file, long events, int entities, long fromMs, long handOverMs)
      throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT 'u' || (hash(i) % "
              + entities
              + ") AS user_id, 'tx-' || i AS txn_id, (hash(i * 31) % 10000)::BIGINT AS amount, ("
              + fromMs
              + " + hash(i * 7) % "
              + (handOverMs - fromMs)
              + ")::BIGINT AS ts FROM range("
              + events
              + ") t(i)) TO '"
              + file
              + "' (FORMAT parquet)");
    }
  }

  /** The entity's values at the hand-over, read as a replica of its partition reads them. */
  private static Map<String, Object> served(
      ViewSpec spec,
      Lineage lineage,
      SealedStore store,
      String user,
      long fromMs,
      long handOverMs) {
    PartitionState replica =
        PartitionState.start(
            "normalized",
            0,
            Role.FOLLOWER,
            (view, version) -> Optional.of(lineage),
            RecordLimits.DEFAULT,
            30_000,
            Optional.empty(),
            OpenStateBudget.unbounded());
    FollowerViewReader reader =
        new FollowerViewReader(
            spec,
            new SealedSpanPlanner(new Tiling(spec.resolutions()), fromMs),
            SealedWindowCache.NONE);
    ViewValues values =
        reader
            .read(store, replica, spec.name(), EntityKeys.encode(List.of(user)), handOverMs)
            .toCompletableFuture()
            .join();
    Map<String, Object> served = new LinkedHashMap<>();
    served.put("events lifetime", values.get("events", WindowSpec.lifetime()));
    served.put("events 1d", values.get("events", WindowSpec.parse("1d")));
    served.put("amount_sum 7d", values.get("amount_sum", WindowSpec.parse("7d")));
    served.put("amount_max 7d", values.get("amount_max", WindowSpec.parse("7d")));
    return served;
  }

  /** The same windows computed by DuckDB over the file. */
  private static Map<String, Object> expected(Path file, String user, long atMs) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE ts >= "
                    + (atMs - DAY)
                    + "), sum(amount) FILTER (WHERE ts >= "
                    + (atMs - 7 * DAY)
                    + "), max(amount) FILTER (WHERE ts >= "
                    + (atMs - 7 * DAY)
                    + ") FROM read_parquet('"
                    + file
                    + "') WHERE user_id = '"
                    + user
                    + "' AND ts < "
                    + atMs)) {
      rs.next();
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("events lifetime", rs.getLong(1));
      expected.put("events 1d", rs.getLong(2));
      expected.put("amount_sum 7d", rs.getObject(3) == null ? null : rs.getLong(3));
      expected.put("amount_max 7d", rs.getObject(4) == null ? null : rs.getLong(4));
      return expected;
    }
  }

  private static Map<String, Long> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("backfill (this JVM)", ProcessHandle.current().pid());
    Map<String, Long> servers = ProcessCpu.stackServers(RepositoryRoot.find());
    servers.keySet().retainAll(java.util.Set.of("cassandra"));
    pids.putAll(servers);
    return pids;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks: an upper bound of the live heap (garbage included). */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static void write(
      Path output,
      long events,
      int entities,
      int days,
      String mode,
      int cores,
      double generateSeconds,
      double seconds,
      BackfillCounts done,
      Map<String, Double> cpu,
      long peakHeapBytes,
      Map<String, Object> served,
      String loadBefore)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("# Backfill throughput");
    lines.add("");
    lines.add(
        "Run "
            + Instant.now()
            + " with `./tessera bench backfill "
            + events
            + " "
            + entities
            + " "
            + days
            + " "
            + mode
            + "` on "
            + cores
            + " cores (load average before: "
            + loadBefore
            + "). A Parquet file of "
            + String.format("%,d", events)
            + " events over "
            + String.format("%,d", entities)
            + " entities and "
            + days
            + " days (generated by DuckDB in "
            + String.format("%.1f", generateSeconds)
            + " s, not timed) is backfilled into the local Cassandra through the view's batch"
            + " source, transformation and the backfill writer ("
            + ("import".equals(mode)
                ? "each unit's rows written as SSTables and imported by the node"
                : "rows written through CQL")
            + "), "
            + cores
            + " units at a time; the clock stops when every unit is durable and a value read back"
            + " as a replica reads it equals DuckDB's over the file.");
    lines.add("");
    lines.add("| measure | value |");
    lines.add("|---|---|");
    lines.add(
        "| events per second (rows read to value checked) | "
            + String.format("%,.0f", events / seconds)
            + " |");
    lines.add("| wall time | " + String.format("%.1f s", seconds) + " |");
    lines.add("| units (partition × day) | " + done.unitsDone() + " |");
    lines.add("| sealed minute rows | " + String.format("%,d", done.minutesWritten()) + " |");
    lines.add("| coarse tile closes | " + String.format("%,d", done.coarseTilesClosed()) + " |");
    lines.add(
        "| events applied / duplicates | "
            + String.format("%,d / %,d", done.eventsApplied(), done.duplicates())
            + " |");
    lines.add(
        "| peak heap of the backfill JVM (pools' peaks, garbage included) | "
            + String.format("%,d MiB", peakHeapBytes / (1024 * 1024))
            + " |");
    for (Map.Entry<String, Double> entry : cpu.entrySet()) {
      lines.add(
          "| CPU, "
              + entry.getKey()
              + " | "
              + String.format(
                  "%.2f cores, %.1f µs per event",
                  entry.getValue(), entry.getValue() * seconds / events * 1e6)
              + " |");
    }
    lines.add("| value checked (entity u1 at the hand-over) | " + served + " |");
    lines.add("");
    lines.addAll(analysis(output));
    Files.write(output, lines);
    lines.forEach(System.out::println);
  }

  /**
   * The hand-written part of the report (from its {@value #ANALYSIS} heading on), kept as it was: a
   * run rewrites only the measured part above it.
   */
  private static List<String> analysis(Path output) throws Exception {
    if (!Files.exists(output)) {
      return List.of();
    }
    List<String> previous = Files.readAllLines(output);
    int from = previous.indexOf(ANALYSIS);
    return from < 0 ? List.of() : previous.subList(from, previous.size());
  }
}
