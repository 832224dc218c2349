package io.tessera.serving;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second Cassandra server of the test's own, started like the local stack's (same classpath, same
 * JVM options, the template with other ports and its own data folder), so a test can stop the store
 * serving talks to by its PID without touching the shared one.
 */
final class PrivateCassandra implements AutoCloseable {
  static final int CQL_PORT = 19042;
  private static final int STORAGE_PORT = 17000;
  private static final int JMX_PORT = 17199;

  private final Path root;
  private final Path data;
  private Process process;

  PrivateCassandra() throws IOException {
    this.root = findRoot();
    this.data = Path.of("target", "private-cassandra").toAbsolutePath();
  }

  long pid() {
    return process.pid();
  }

  void start() throws Exception {
    Files.createDirectories(data);
    String yaml =
        Files.readString(root.resolve("local-stack/cassandra/cassandra.yaml.template"))
            .replace("@DATA@", data.toString())
            .replace("@CQL_PORT@", String.valueOf(CQL_PORT))
            .replace("@STORAGE_PORT@", String.valueOf(STORAGE_PORT));
    Path conf = data.resolve("cassandra.yaml");
    Files.writeString(conf, yaml);
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
            "-Dcassandra.jmx.local.port=" + JMX_PORT,
            "-Dlogback.configurationFile=" + root.resolve("local-stack/cassandra/logback.xml"),
            "-cp",
            root.resolve(".stack/lib/cassandra") + "/*",
            "org.apache.cassandra.service.CassandraDaemon"));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(data.resolve("cassandra.log").toFile()))
            .start();
    long deadline = System.currentTimeMillis() + 180_000;
    while (!answers()) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "private Cassandra did not start; see " + data.resolve("cassandra.log"));
      }
      Thread.sleep(250);
    }
  }

  /** Kills the server process by its PID, at once (as a crash would). */
  void kill() throws InterruptedException {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    process.waitFor();
  }

  private static boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", CQL_PORT), 300);
      return true;
    } catch (IOException e) {
      return false;
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

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
