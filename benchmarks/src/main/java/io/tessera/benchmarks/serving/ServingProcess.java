package io.tessera.benchmarks.serving;

import io.tessera.e2e.process.ServiceSpec;
import io.tessera.testsupport.TestApiKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The serving-service as it ships: its exec jar in a JVM of its own, so the load generator's CPU
 * and garbage never count as the server's, and the server's per-process CPU can be read from {@code
 * /proc}. Output goes to {@code benchmarks/target/serving-bench/serving.log}; a JFR recording of
 * the measured runs to {@code serving.jfr} beside it, for finding what bounds the latency.
 */
final class ServingProcess implements AutoCloseable {

  /** Spring Boot on two busy cores takes 20 to 60 s, minutes while builds run beside it. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final int httpPort;
  private final int grpcPort;
  private final Path log;

  private ServingProcess(Process process, int httpPort, int grpcPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
    this.log = log;
  }

  /**
   * Starts the jar against {@code keyspace}, the benchmark's tables and definitions topic; the
   * stack's endpoints come from this process's {@code TESSERA_*} environment.
   */
  static ServingProcess start(
      Path root, String keyspace, String tablePrefix, String registryTopic, String backfillTopic)
      throws IOException {
    Path jar = execJar(root);
    Path dir = root.resolve("benchmarks/target/serving-bench");
    Files.createDirectories(dir);
    Path log = dir.resolve("serving.log");
    int httpPort = freePort();
    int grpcPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The production flags with a fixed heap, so a run is not measuring heap growth; JFR's default
    // settings cost about 1%.
    command.addAll(ServiceSpec.productionJvm("1g"));
    command.add(
        "-XX:StartFlightRecording=filename=" + dir.resolve("serving.jfr") + ",dumponexit=true");
    command.addAll(List.of("-jar", jar.toString()));
    command.add("--tessera.serving.table-prefix=" + tablePrefix);
    command.add("--tessera.serving.registry-topic=" + registryTopic);
    command.add("--tessera.serving.backfill-status-topic=" + backfillTopic);
    command.add("--tessera.serving.grpc-port=" + grpcPort);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("TESSERA_SERVING_PORT", Integer.toString(httpPort));
    env.put("TESSERA_CASSANDRA_KEYSPACE", keyspace);
    // the test keys: the benchmark reads with scope read and scrapes with scope metrics
    env.put(TestApiKeys.ENVIRONMENT_VARIABLE, TestApiKeys.CONFIGURED);
    return new ServingProcess(builder.start(), httpPort, grpcPort, log);
  }

  private static Path execJar(Path root) throws IOException {
    Path target = root.resolve("serving-service/target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files
          .filter(p -> p.getFileName().toString().matches("serving-service-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no serving-service/target/serving-service-*-exec.jar; run"
                          + " `mvn -pl serving-service -am -DskipTests package` first"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits until health is UP and the benchmark's feature service answers. */
  void awaitReady(HttpClient http, String readinessBody) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("serving-service exited; see " + log);
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(uri("/api/v1/features"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                    .POST(HttpRequest.BodyPublishers.ofString(readinessBody))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(1_000);
    }
    throw new IllegalStateException("serving-service not ready in " + START_TIMEOUT + "; " + log);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  int grpcPort() {
    return grpcPort;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** SIGTERM (so JFR dumps its recording), then SIGKILL if it hangs. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
