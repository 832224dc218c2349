package io.tessera.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
    this.root = findRoot();
    this.cqlPort = freePort();
    this.storagePort = freePort();
    this.jmxPort = freePort();
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
    while (!answers()) {
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
    signal("STOP");
  }

  /** Lets a {@link #pause paused} process run again ({@code SIGCONT}). */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " " + pid() + " exited with " + exit);
    }
  }

  private List<String> command(Path conf) throws IOException {
    Path classpath = stackHome().resolve("lib/cassandra");
    if (!Files.isDirectory(classpath)) {
      throw new IllegalStateException(
          "no Cassandra classpath in " + classpath + "; run ./tessera infra start once");
    }
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

  private Path stackHome() {
    String home = System.getenv("TESSERA_STACK_HOME");
    return home == null || home.isBlank() ? root.resolve(".stack") : Path.of(home);
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", cqlPort), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("local-stack/cassandra"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no local-stack/ above " + Path.of("").toAbsolutePath());
  }

  /** Kills the server (a paused one too) and deletes its data; the log stays for a post-mortem. */
  @Override
  public void close() throws InterruptedException, IOException {
    if (process != null && process.isAlive()) {
      kill();
    }
    for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
      deleteRecursively(data.resolve(dir));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
