package io.tessera.benchmarks.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.StorageSchema;
import io.tessera.storage.ViewRetention;
import io.tessera.testsupport.StackEndpoints;
import io.tessera.testsupport.TestApiKeys;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Online serving latency on the local stack: loads the benchmark view for a few thousand
 * Zipf-active users into Cassandra, starts the serving-service jar, and drives REST and gRPC single
 * and batch-100 gets open loop, entities drawn Zipf-wise. Writes Markdown (see {@link
 * ServingReport}).
 *
 * <p>Usage: {@code ServingBenchmark OUTPUT.md [requests/s[,requests/s...]] [seconds]}, from the
 * repository root with the stack's {@code TESSERA_*} variables set; {@code ./tessera bench serving}
 * does all that. Everything it creates (tables under a fresh prefix in keyspace {@value #KEYSPACE},
 * two topics) is its own and removed at the end.
 */
public final class ServingBenchmark {
  static final String KEYSPACE = "tessera_bench";

  private static final int USERS = 3_000;

  /** Events of the hottest user over seven days; rank r has HOT_EVENTS / r (Zipf, exponent 1). */
  private static final int HOT_EVENTS = 20_000;

  private static final double ZIPF_EXPONENT = 1.0;
  private static final int BATCH = 100;

  /** Batch requests per second: 20 x 100 entities is the same entity rate as 2,000 singles. */
  private static final double BATCH_PER_SECOND = 20;

  private ServingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "docs/benchmarks/serving.md");
    // The first rate is the one the targets are judged at; lower ones show where latency bends.
    double[] rates =
        Arrays.stream((args.length > 1 ? args[1] : "2000").split(","))
            .mapToDouble(Double::parseDouble)
            .toArray();
    Duration run = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
    Path root = repositoryRoot();
    StackEndpoints endpoints = StackEndpoints.fromEnvironment();
    Map<String, Object> kafka = Map.of("bootstrap.servers", endpoints.kafkaBootstrap());
    String runId = Long.toString(System.currentTimeMillis() / 1000);
    String prefix = "sb" + runId + "_";
    String registryTopic = "bench-serving-defs-" + runId;
    String backfillTopic = "bench-serving-backfill-" + runId;
    ServingReport report = new ServingReport();
    List<String> cpuColumns =
        List.of("serving", "cassandra", "kafka", "generator", "machine total");

    try (CqlSession session = session(endpoints)) {
      StorageSchema schema = new StorageSchema(prefix);
      schema.create(session);
      try {
        BenchmarkDefinitions.publish(kafka, registryTopic, backfillTopic);
        Zipf zipf = new Zipf(USERS, ZIPF_EXPONENT);
        StoreLoader loader =
            new StoreLoader(
                new CassandraTileStore(session, schema, ViewRetention.FOREVER),
                BenchmarkDefinitions.view(),
                USERS,
                HOT_EVENTS,
                zipf);
        long loadStart = System.nanoTime();
        long events = loader.load(System.currentTimeMillis());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("loaded %,d events in %.0f s%n", events, loadSeconds);
        report.setup(
            String.format(
                "Data: view `%s` (count, sum, mean, max, last, approx_percentile(0.9) of `amount`"
                    + " over 1h, 1d and 7d: %d values per entity), feature service `%s`; %,d users,"
                    + " user of rank r with 20,000/r events spread over the last 7 days (%,d, %,d,"
                    + " %,d for the top three; %,d events in all), loaded through"
                    + " `CassandraTileStore` and one `Compactor` step per user (tiles closed 2 min"
                    + " and sealed 32 min before the load) in %.0f s.",
                BenchmarkDefinitions.VIEW,
                BenchmarkDefinitions.VALUES_PER_ENTITY,
                BenchmarkDefinitions.SERVICE,
                USERS,
                loader.eventsOf(1),
                loader.eventsOf(2),
                loader.eventsOf(3),
                events,
                loadSeconds));
        report.setup("");
        report.setup(
            String.format(
                "Load: entities drawn with the same Zipf law over all %,d users (the hottest user"
                    + " in %.0f%% of requests); a new request each time, no client-side caching"
                    + " (the server's sealed-tile cache is part of what is measured). Each run"
                    + " follows a %d s warm-up at its own rate and lasts %d s.",
                USERS, 100 / harmonic(USERS), Runner.warmUp().toSeconds(), run.toSeconds()));

        try (ServingProcess serving =
            ServingProcess.start(root, KEYSPACE, prefix, registryTopic, backfillTopic)) {
          RestCalls rest = new RestCalls(serving.uri("/api/v1/features"), zipf);
          serving.awaitReady(rest.http(), RestCalls.body(StoreLoader.user(1)));
          printSample(rest, serving);
          Map<String, Long> pids = new LinkedHashMap<>();
          pids.put("serving", serving.pid());
          pids.put(
              "cassandra",
              ListenerPid.stackPid(root, "cassandra", endpoints.cassandra().getPort()));
          pids.put("kafka", ListenerPid.stackPid(root, "kafka", kafkaPort(endpoints)));
          pids.put("generator", ProcessHandle.current().pid());
          ServerMetrics metrics =
              new ServerMetrics(rest.http(), serving.uri("/actuator/prometheus"));
          Runner runner = new Runner(report, metrics, pids, run);
          try (GrpcCalls grpc = new GrpcCalls(serving.grpcPort(), zipf)) {
            OpenLoop.Result restOne = null;
            OpenLoop.Result grpcOne = null;
            for (double perSecond : rates) {
              OpenLoop.Result r = runner.run("REST, 1 entity", perSecond, rest.call(1), "single");
              OpenLoop.Result g = runner.run("gRPC, 1 entity", perSecond, grpc.single(), "single");
              restOne = restOne == null ? r : restOne;
              grpcOne = grpcOne == null ? g : grpcOne;
            }
            OpenLoop.Result restBatch =
                runner.run("REST, 100 entities", BATCH_PER_SECOND, rest.call(BATCH), "batch");
            OpenLoop.Result grpcBatch =
                runner.run("gRPC, 100 entities", BATCH_PER_SECOND, grpc.batch(BATCH), "batch");
            Targets.judge(report, rates[0], restOne, grpcOne, restBatch, grpcBatch);
          }
        }
      } finally {
        cleanUp(session, schema, kafka, registryTopic, backfillTopic);
      }
    }
    String command =
        "./tessera bench serving"
            + (args.length > 1
                ? " " + String.join(" ", List.of(args).subList(1, args.length))
                : "");
    report.write(output, command, cpuColumns);
    System.out.println(Files.readString(output));
    System.exit(0);
  }

  private static void printSample(RestCalls rest, ServingProcess serving) throws Exception {
    HttpResponse<String> hot =
        rest.http()
            .send(
                HttpRequest.newBuilder(serving.uri("/api/v1/features"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                    .POST(HttpRequest.BodyPublishers.ofString(RestCalls.body(StoreLoader.user(1))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.println("hottest user: " + hot.body());
  }

  /** Best effort: a failure here must not hide the one that ended the run. */
  private static void cleanUp(
      CqlSession session, StorageSchema schema, Map<String, Object> kafka, String... topics) {
    try {
      schema.drop(session);
    } catch (RuntimeException e) {
      System.err.println("could not drop the benchmark tables " + schema.prefix() + "*: " + e);
    }
    BenchmarkDefinitions.deleteTopics(kafka, topics);
  }

  private static double harmonic(int n) {
    double h = 0;
    for (int i = 1; i <= n; i++) {
      h += 1.0 / i;
    }
    return h;
  }

  private static int kafkaPort(StackEndpoints endpoints) {
    String first = endpoints.kafkaBootstrap().split(",")[0];
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  private static CqlSession session(StackEndpoints endpoints) {
    InetSocketAddress cassandra =
        new InetSocketAddress(
            endpoints.cassandra().getHostString(), endpoints.cassandra().getPort());
    try (CqlSession bootstrap =
        CqlSession.builder()
            .addContactPoint(cassandra)
            .withLocalDatacenter(endpoints.cassandraDatacenter())
            .build()) {
      bootstrap.execute(
          "CREATE KEYSPACE IF NOT EXISTS "
              + KEYSPACE
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }
    // Loading fires every chunk of a hot user's events and tiles at once: more than the driver's
    // default 1,024 requests per connection, and slower than its 2 s timeout on a busy node.
    DriverConfigLoader loading =
        DriverConfigLoader.programmaticBuilder()
            .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 32_768)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
            .build();
    return CqlSession.builder()
        .addContactPoint(cassandra)
        .withLocalDatacenter(endpoints.cassandraDatacenter())
        .withKeyspace(KEYSPACE)
        .withConfigLoader(loading)
        .build();
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("serving-service"))) {
        return dir;
      }
    }
    throw new IllegalStateException("run from inside the repository");
  }
}
