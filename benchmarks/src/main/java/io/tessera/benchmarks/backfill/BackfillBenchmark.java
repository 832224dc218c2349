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
import io.tessera.benchmarks.run.BenchmarkArguments;
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
import java.time.Duration;
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

  private BackfillBenchmark() {}

  public static void main(String[] args) {
    BenchmarkMain.run("backfill", BackfillBenchmark::run, args);
  }

  private static void run(BenchmarkArguments args) throws Exception {
    Path output = args.report();
    long events = args.whole(1, 5_000_000);
    int entities = args.integer(2, 100_000);
    int days = args.integer(3, 7);
    String mode = args.text(4, "import");
    String loadBefore = ProcessCpu.loadAverage();
    int cores = Runtime.getRuntime().availableProcessors();

    long handOverMs = System.currentTimeMillis() / DAY * DAY;
    long fromMs = handOverMs - days * DAY;
    Path directory = Files.createTempDirectory("tessera-backfill-bench").toRealPath();
    Path file = directory.resolve("history.parquet");
    long generateStart = System.nanoTime();
    DuckDbHistory.generate(file, events, entities, fromMs, handOverMs);
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
      Map<String, Object> expected = DuckDbHistory.expected(file, entity, handOverMs);
      if (!served.equals(expected)) {
        throw new IllegalStateException("served " + served + ", DuckDB says " + expected);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Double> usage = cpu.stop();
      BackfillReport.write(
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
}
