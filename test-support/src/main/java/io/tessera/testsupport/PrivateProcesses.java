package io.tessera.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the servers a test starts for itself ({@link PrivateCassandra}, {@link PrivateKafka}) share:
 * free ports, the checkout's {@code local-stack/} templates, the classpaths {@code ./tessera infra
 * start} resolved, and signals to a process by its PID.
 */
final class PrivateProcesses {

  private PrivateProcesses() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkout: the nearest folder above the working folder that holds {@code local-stack/}. */
  static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("local-stack/cassandra"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no local-stack/ above " + Path.of("").toAbsolutePath());
  }

  /** {@code $TESSERA_STACK_HOME}, else {@code .stack/} in the checkout. */
  static Path stackHome(Path root) {
    String home = System.getenv("TESSERA_STACK_HOME");
    return home == null || home.isBlank() ? root.resolve(".stack") : Path.of(home);
  }

  /** A server classpath ({@code lib/kafka}, {@code lib/cassandra}) resolved by the launcher. */
  static Path classpath(Path root, String server) {
    Path classpath = stackHome(root).resolve("lib").resolve(server);
    if (!Files.isDirectory(classpath)) {
      throw new IllegalStateException(
          "no " + server + " classpath in " + classpath + "; run ./tessera infra start once");
    }
    return classpath;
  }

  static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Sends {@code kill -NAME pid}, as {@code SIGSTOP} and {@code SIGCONT} need. */
  static void signal(long pid, String name) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + name + " " + pid + " exited with " + exit);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
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
