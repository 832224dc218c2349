package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local stack's Kinesis-API server, started the way {@code local-stack/stack.sh} starts it
 * ({@code local-stack/kinesis/listen.js} over the kinesalite the launcher installed), answers on
 * loopback and not on the machine's network address. kinesalite's own CLI listens on every
 * interface.
 */
class LocalKinesisListensOnLoopbackIT {

  @Test
  void answersOnLoopbackOnly() throws Exception {
    Path root = PrivateProcesses.findRoot();
    Path modules = PrivateProcesses.stackHome(root).resolve("kinesis/node_modules");
    assumeThat(Files.isDirectory(modules.resolve("kinesalite")))
        .as("kinesalite installed by ./tessera infra start in " + modules)
        .isTrue();
    Optional<InetAddress> external = NetworkAddresses.nonLoopback();
    assumeThat(external).as("a network address besides loopback").isPresent();
    int port = PrivateProcesses.freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                root.resolve("local-stack/kinesis/listen.js").toString(),
                "--port",
                "" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("NODE_PATH", modules.toString());
    Process kinesis = builder.start();
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!NetworkAddresses.accepts(InetAddress.getLoopbackAddress(), port)) {
        assertThat(kinesis.isAlive()).as("listen.js exited").isTrue();
        assertThat(System.nanoTime()).as("listening within 30 s").isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(NetworkAddresses.accepts(external.get(), port))
          .as("reachable on " + external.get())
          .isFalse();
    } finally {
      kinesis.destroyForcibly().waitFor();
    }
  }
}
