package io.tessera.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A Kafka broker of the test's own (one KRaft node, like the local stack's: same classpath, same
 * template, free ports, its own log folder), so a test can stall it with {@code SIGSTOP} without
 * touching the shared broker other tests use. A paused broker still accepts connections (the kernel
 * does), but answers nothing: what a producer meets when a broker hangs.
 *
 * <p>The classpath is the one {@code ./tessera infra start} resolved into {@code .stack/lib/kafka}
 * (or {@code $TESSERA_STACK_HOME/lib/kafka}).
 */
public final class PrivateKafka implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Path root;
  private final Path data;
  private final int port;
  private final int controllerPort;
  private Process process;

  /** A broker on two free ports, not started yet. */
  public PrivateKafka() {
    this.root = PrivateProcesses.findRoot();
    this.port = PrivateProcesses.freePort();
    this.controllerPort = PrivateProcesses.freePort();
    this.data = Path.of("target", "private-kafka", "broker-" + port).toAbsolutePath();
  }

  /** {@code host:port}, as {@code bootstrap.servers} takes it. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** Formats the log folder, starts the broker and waits until its port answers. */
  public void start() throws IOException, InterruptedException {
    Path logs = data.resolve("log");
    Files.createDirectories(logs);
    String properties =
        Files.readString(root.resolve("local-stack/kafka/server.properties.template"))
            .replace("@DATA@", logs.toString())
            .replace("@PORT@", String.valueOf(port))
            .replace("@CONTROLLER_PORT@", String.valueOf(controllerPort));
    Path conf = data.resolve("server.properties");
    Files.writeString(conf, properties);
    String clusterId =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(uuidBytes(UUID.randomUUID()))
            .substring(0, 22);
    int formatted =
        // one argument: a random id may start with '-', which the tool would read as an option
        new ProcessBuilder(
                java("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId, "-c", conf))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start()
            .waitFor();
    if (formatted != 0) {
      throw new IllegalStateException("could not format the private Kafka log; see " + log());
    }
    process =
        new ProcessBuilder(java("kafka.Kafka", conf.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!PrivateProcesses.answers(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("private Kafka did not start; see " + log());
      }
      Thread.sleep(250);
    }
  }

  /** Stops the process with {@code SIGSTOP}: connections are accepted, nothing is answered. */
  public void pause() throws IOException, InterruptedException {
    PrivateProcesses.signal(pid(), "STOP");
  }

  /** Lets a {@link #pause paused} broker run again ({@code SIGCONT}). */
  public void resume() throws IOException, InterruptedException {
    PrivateProcesses.signal(pid(), "CONT");
  }

  private List<String> java(String main, Object... args) {
    Path classpath = PrivateProcesses.classpath(root, "kafka");
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-Xms256m",
                "-Xmx256m",
                "-Dlog4j2.configurationFile=" + root.resolve("local-stack/kafka/log4j2.properties"),
                "-cp",
                classpath + "/*",
                main));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    return command;
  }

  private static byte[] uuidBytes(UUID uuid) {
    return java.nio.ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private Path log() {
    return data.resolve("kafka.log");
  }

  /** Kills the broker (a paused one too) and deletes its log; the server log stays. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
      process.waitFor();
    }
    PrivateProcesses.deleteRecursively(data.resolve("log"));
  }
}
