package io.tessera.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Optional;

/** For tests of where a server listens: this machine's addresses, and whether one answers. */
public final class NetworkAddresses {

  private NetworkAddresses() {}

  /** An IPv4 address of an interface that is up and not loopback, if the machine has one. */
  public static Optional<InetAddress> nonLoopback() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(NetworkAddresses::upAndNotLoopback)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(address -> address instanceof Inet4Address)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a TCP connection to {@code address:port} is accepted within a second. */
  public static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean upAndNotLoopback(NetworkInterface networkInterface) {
    try {
      return networkInterface.isUp() && !networkInterface.isLoopback();
    } catch (IOException e) {
      return false;
    }
  }
}
