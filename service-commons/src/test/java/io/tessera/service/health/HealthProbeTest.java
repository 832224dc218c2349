package io.tessera.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  @Test
  void reportsTheStatusTheEndpointAnswers() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/actuator/health/readiness",
        exchange -> {
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.createContext(
        "/actuator/health/liveness",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();

      assertThat(HealthProbe.status(URI.create(base + "/actuator/health/liveness"))).isEqualTo(200);
      assertThat(HealthProbe.status(URI.create(base + "/actuator/health/readiness")))
          .isEqualTo(503);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void reportsNothingWhenNoServiceListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThat(HealthProbe.status(URI.create("http://127.0.0.1:" + port + "/actuator/health")))
        .isEqualTo(-1);
  }
}
