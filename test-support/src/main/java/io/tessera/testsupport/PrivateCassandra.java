package io.tessera.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cassandra server of the test's own, started like the local stack's (same classpath, same JVM
 * options, the template with free ports and its own data folder), so a test can kill, pause or
 * resume the store by its PID without touching the shared one that other tests use.
 *
 * <p>The classpath is the one {@code ./tessera infra start} resolved into {@code
 * .stack/lib/cassandra} (or {@code $TESSERA_STACK_HOME/lib/cassandra}).
 */
public final class PrivateCassandra implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Path root;
  private final Path data;
  private final int cqlPort;
  private final int storagePort;
  private final int jmxPort;
  private Process process;

  /** A server on three free ports, not started yet. */
  public PrivateCassandra() {
    this.root = PrivateProcesses.findRoot();
    this.cqlPort = PrivateProcesses.freePort();
    this.storagePort = PrivateProcesses.freePort();
    this.jmxPort = PrivateProcesses.freePort();
    this.data = Path.of("target", "private-cassandra", "cql-" + cqlPort).toAbsolutePath();
  }

  public int cqlPort() {
    return cqlPort;
  }

  /** {@code host:port}, as {@code spring.cassandra.contact-points} takes it. */
  public String contactPoint() {
    return "127.0.0.1:" + cqlPort;
  }

  public long pid() {
    return process.pid();
  }

  /** A session without a keyspace; the caller closes it. */
  public CqlSession openSession() {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", cqlPort))
        .withLocalDatacenter("datacenter1")
        .build();
  }

  /** Starts the server (again, after {@link #kill}, on the same data) and waits for CQL. */
  public void start() throws IOException, InterruptedException {
    Files.createDirectories(data);
    String yaml =
        Files.readString(root.resolve("local-stack/cassandra/cassandra.yaml.template"))
            .replace("@DATA@", data.toString())
            .replace("@CQL_PORT@", String.valueOf(cqlPort))
            .replace("@STORAGE_PORT@", String.valueOf(storagePort));
    Path conf = data.resolve("cassandra.yaml");
    Files.writeString(conf, yaml);
    process =
        new ProcessBuilder(command(conf))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!PrivateProcesses.answers(cqlPort)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("private Cassandra did not start; see " + log());
      }
      Thread.sleep(250);
    }
  }

  /** Kills the server process by its PID, at once (as a crash would). */
  public void kill() throws InterruptedException {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    process.waitFor();
  }

  /**
   * Stops the process with {@code SIGSTOP}: its port still accepts connections, but nothing
   * answers, as with a node stalled in a long GC pause or still starting.
   */
  public void pause() throws IOException, InterruptedException {
    PrivateProcesses.signal(pid(), "STOP");
  }

  /** Lets a {@link #pause paused} process run again ({@code SIGCONT}). */
  public void resume() throws IOException, InterruptedException {
    PrivateProcesses.signal(pid(), "CONT");
  }

  private List<String> command(Path conf) throws IOException {
    Path classpath = PrivateProcesses.classpath(root, "cassandra");
    List<String> command = new ArrayList<>(List.of("java", "-Xms512m", "-Xmx512m"));
    for (String line : Files.readAllLines(root.resolve("local-stack/cassandra/jvm17.options"))) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        command.add(line.strip());
      }
    }
    command.addAll(
        List.of(
            "-Dcassandra.config=file://" + conf,
            "-Dcassandra.storagedir=" + data,
            "-Dcassandra.jmx.local.port=" + jmxPort,
            "-Dlogback.configurationFile=" + root.resolve("local-stack/cassandra/logback.xml"),
            "-cp",
            classpath + "/*",
            "org.apache.cassandra.service.CassandraDaemon"));
    return command;
  }

  private Path log() {
    return data.resolve("cassandra.log");
  }

  /** Kills the server (a paused one too) and deletes its data; the log stays for a post-mortem. */
  @Override
  public void close() throws InterruptedException, IOException {
    if (process != null && process.isAlive()) {
      kill();
    }
    for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
      PrivateProcesses.deleteRecursively(data.resolve(dir));
    }
  }
}
