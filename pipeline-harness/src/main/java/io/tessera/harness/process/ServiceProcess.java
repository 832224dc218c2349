package io.tessera.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One running service JVM, started from its module's {@code target/<module>-*-exec.jar}: the same
 * artifact that ships, not a Spring context inside the test's JVM, so a {@link #kill()} is a real
 * crash (SIGKILL: no shutdown hooks, no offset commit, no flush).
 *
 * <p>Its standard output and error go to {@code
 * end-to-end-tests/target/e2e-logs/<run>/<instance>-<start>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

  /**
   * Generous: on two cores, several Spring Boot services starting at once take 20 to 60 s, and
   * minutes while other builds load the machine. The system property {@value
   * #START_TIMEOUT_PROPERTY} (seconds) overrides it: a benchmark on a shared box waits longer
   * rather than fail.
   */
  public static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong(ServiceProcess.START_TIMEOUT_PROPERTY, 240));

  public static final String START_TIMEOUT_PROPERTY = "tessera.e2e.start-timeout-seconds";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger STARTS = new AtomicInteger();

  /** This JVM's log folder: a test run never overwrites the logs of an earlier one. */
  private static final String RUN =
      java.time.LocalDateTime.now()
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              .toString()
              .replace(':', '-')
          + "-"
          + ProcessHandle.current().pid();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ServiceSpec spec;
  private final Process process;
  private final Path log;

  private ServiceProcess(ServiceSpec spec, Process process, Path log) {
    this.spec = spec;
    this.process = process;
    this.log = log;
  }

  /** Starts the JVM and returns at once; call {@link #awaitHealthy} before using it. */
  public static ServiceProcess start(ServiceSpec spec) {
    Path root = RepositoryRoot.find();
    Path jar = execJar(root, spec.module());
    Path logs = root.resolve("end-to-end-tests/target/e2e-logs").resolve(RUN);
    Path log = logs.resolve(spec.instance() + "-" + STARTS.incrementAndGet() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(spec.jvmOptions());
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + spec.port());
    spec.arguments().forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(logs);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(spec.environment());
      return new ServiceProcess(spec, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + spec.instance(), e);
    }
  }

  /** The one exec jar of {@code module}; fails with what to do when it has not been built. */
  static Path execJar(Path root, String module) {
    Path target = root.resolve(module).resolve("target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files
          .filter(p -> p.getFileName().toString().matches(module + "-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no "
                          + module
                          + "/target/"
                          + module
                          + "-*-exec.jar; build it first (mvn -pl end-to-end-tests -am verify"
                          + " packages the services before this module's tests)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ServiceSpec spec() {
    return spec;
  }

  public int port() {
    return spec.port();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + spec.port() + path);
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until {@code /actuator/health} answers UP (which includes the service's Cassandra and
   * Kafka checks); fails early, with the end of the log, if the process exits meanwhile.
   */
  public ServiceProcess awaitHealthy() {
    return awaitUp("/actuator/health");
  }

  /**
   * Waits until the readiness probe ({@code /actuator/health/readiness}) answers UP: a serving
   * follower is ready only once it has caught up with the normalized topic.
   */
  public ServiceProcess awaitReady() {
    return awaitUp("/actuator/health/readiness");
  }

  private ServiceProcess awaitUp(String path) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            spec.instance()
                + " exited with "
                + process.exitValue()
                + " during start-up:\n"
                + tail());
      }
      try {
        HttpResponse<String> health =
            HTTP.send(
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().endsWith("\"status\":\"UP\"}")) {
          return this;
        }
        last = health.statusCode() + " " + health.body();
      } catch (ConnectException e) {
        last = "not listening yet";
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      pause(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        spec.instance()
            + " not UP at "
            + path
            + " in "
            + START_TIMEOUT
            + " ("
            + last
            + "):\n"
            + tail());
  }

  /** SIGTERM, as an orchestrator stops a pod: Spring shuts down gracefully. */
  public void stop() {
    process.destroy();
    if (!waitFor(STOP_TIMEOUT)) {
      kill();
    }
  }

  /** SIGKILL ({@code kill -9}): the JVM ends at once, mid-write and before any commit. */
  public void kill() {
    process.destroyForcibly();
    waitFor(STOP_TIMEOUT);
  }

  /**
   * SIGSTOP: the JVM stops where it is, mid-batch, without a chance to write or commit anything
   * more (its sockets stay open). A crash test freezes a service so that work it has not committed
   * piles up, then {@link #kill()}s it: the lag at the kill is then certain, not a race.
   */
  public void freeze() {
    signal("STOP");
  }

  /** SIGCONT: a {@link #freeze() frozen} JVM goes on where it stopped, unaware of the pause. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A new process with the same specification (same instance name, port and configuration). */
  public ServiceProcess restart() {
    if (process.isAlive()) {
      stop();
    }
    return start(spec);
  }

  /** The last lines of the log, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
