package io.tessera.benchmarks.training;

import io.tessera.benchmarks.profile.JfrProfile;
import io.tessera.benchmarks.profile.ProcessCpu;
import io.tessera.benchmarks.run.BenchmarkArguments;
import io.tessera.benchmarks.run.BenchmarkMain;
import io.tessera.benchmarks.serving.BenchmarkDefinitions;
import io.tessera.benchmarks.serving.ExactValues;
import io.tessera.benchmarks.serving.HistoryLoader;
import io.tessera.benchmarks.stack.BenchmarkStack;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Point-in-time training data through serving's REST endpoint: a week of events for {@code users}
 * users loaded the way any retained history is (produced to the source topic, the view registered,
 * ingest replays, the owner seals into Cassandra, the follower follows: the serving benchmark's
 * {@link HistoryLoader}, view and service), timed until the follower serves exact values; then two
 * training jobs over the same spine of uniformly drawn (user, time) rows over the week: the first
 * warms the JIT, the second is measured with the CPU of every process and a JFR recording of
 * serving. Each job's output is checked against a brute-force oracle on sampled rows.
 *
 * <p>Usage: {@code TrainingBenchmark OUTPUT.md [users] [eventsPerUser] [spineRows]}; {@code
 * ./tessera bench training [...]} from the repository root.
 */
public final class TrainingBenchmark {
  /** Issue 8's target and stretch, spine rows per second. */
  static final double TARGET_ROWS_PER_SECOND = 50_000;

  static final double STRETCH_ROWS_PER_SECOND = 200_000;

  private static final Duration EXACT_LIMIT = Duration.ofMinutes(20);
  private static final int SAMPLED_USERS = 50;
  private static final int CHECKED_ROWS = 500;

  private TrainingBenchmark() {}

  public static void main(String[] args) {
    BenchmarkMain.run("training", TrainingBenchmark::run, args);
  }

  /** One measured job: what the client saw, where the CPU went, what serving sampled. */
  record Run(
      String name,
      TrainingJobClient.Result job,
      Map<String, Double> cpuCores,
      int wrongCounts,
      Map<String, Double> topMethods,
      Map<String, Double> topThreads) {}

  private static void run(BenchmarkArguments args) throws Exception {
    Path output = args.report();
    int users = args.integer(1, 100);
    int eventsPerUser = args.integer(2, 2_000);
    int spineRows = args.integer(3, 100_000);
    String command = "./tessera bench training " + users + " " + eventsPerUser + " " + spineRows;
    String loadBefore = ProcessCpu.loadAverage();
    HistoryLoader history = HistoryLoader.uniform(users, eventsPerUser);
    // serving's default training directory (tessera-training under the temporary directory of
    // the same host and user): spines are read and outputs written only there
    Path dir =
        Files.createDirectories(
            Path.of(System.getProperty("java.io.tmpdir"), "tessera-training")
                .resolve(UniqueNames.of("bench")));
    List<Run> runs = new ArrayList<>();
    double loadSeconds;
    long produced;
    try (BenchmarkStack stack = new BenchmarkStack()) {
      String topic = UniqueNames.of("bench_tx");
      BenchmarkStack.createSourceTopic(topic, 4);
      history.generate(System.currentTimeMillis());
      produced = history.produce(LocalStack.get().kafkaProperties(), topic);
      ExactValues exact =
          new ExactValues(stack.serving().uri("/"), history, users, Math.min(SAMPLED_USERS, users));
      long registered = System.nanoTime();
      BenchmarkDefinitions.register(stack.pipeline().registryApi(), topic);
      int wrong = Integer.MAX_VALUE;
      while (wrong > 0 && System.nanoTime() - registered < EXACT_LIMIT.toNanos()) {
        Thread.sleep(1_000);
        wrong = exact.wrongValues();
      }
      loadSeconds = (System.nanoTime() - registered) / 1e9;
      if (wrong > 0) {
        throw new IllegalStateException(wrong + " values still wrong after " + EXACT_LIMIT);
      }
      System.out.printf(
          "%,d events produced, served exactly %.0f s after registering%n", produced, loadSeconds);

      BenchmarkSpine spine = BenchmarkSpine.draw(history, users, spineRows);
      Path spineFile = dir.resolve("spine.csv");
      spine.writeCsv(spineFile);
      TrainingJobClient client = new TrainingJobClient(stack.serving().uri("/"));
      for (String name : List.of("first (JIT warm-up)", "second")) {
        boolean profiled = !runs.isEmpty();
        Path out = dir.resolve("out-" + runs.size() + ".parquet");
        ProcessCpu cpu = new ProcessCpu(stack.pids());
        JfrProfile jfr =
            profiled
                ? JfrProfile.start(
                    stack.serving().pid(),
                    output.toAbsolutePath().getParent().resolve("training-serving.jfr"))
                : null;
        cpu.start();
        TrainingJobClient.Result job = client.run(BenchmarkDefinitions.SERVICE, spineFile, out);
        Map<String, Double> cores = cpu.stop();
        boolean recorded = jfr != null && jfr.stop();
        if (!job.state().equals("succeeded")) {
          throw new IllegalStateException("the training job " + job.state() + ": " + job.error());
        }
        runs.add(
            new Run(
                name,
                job,
                cores,
                spine.wrongCounts(out, BenchmarkDefinitions.VIEW, CHECKED_ROWS),
                recorded ? jfr.topMethods(12) : Map.of(),
                recorded ? jfr.topThreads(8) : Map.of()));
        System.out.println(name + ": " + job);
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
    new TrainingReport(
            command,
            loadBefore,
            users,
            eventsPerUser,
            spineRows,
            produced,
            loadSeconds,
            CHECKED_ROWS,
            runs)
        .write(output);
    System.out.println(Files.readString(output));
  }
}
