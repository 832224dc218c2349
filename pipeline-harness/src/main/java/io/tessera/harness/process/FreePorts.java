package io.tessera.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports nobody listens on: each service instance gets its own, so a run never collides with a stack
 * started by {@code ./tessera up} on 8081..8084, nor with another instance of the same test.
 */
public final class FreePorts {
  private FreePorts() {}

  /**
   * A port that was free a moment ago. The operating system hands out ephemeral ports round-robin,
   * so another process taking it before the service binds is unlikely; if it happens, the service
   * fails its start-up and the health wait reports it with the log.
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
