package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.serving.grpc.GrpcServer;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code tessera.security.serving-reads-open=true} (a mesh decides who reaches serving),
 * feature reads need no credential on REST or gRPC, and a stale one sent anyway is not looked at;
 * training jobs and metrics still need theirs.
 */
@RealStackTest
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "tessera.security.serving-reads-open=true")
class ServingReadsOpenIT {

  private static ServingStack stack;
  private static StreamFeed feed;

  @LocalServerPort private int port;
  @Autowired private GrpcServer grpcServer;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingAccessIT.publish(ServingStack.create("open"));
    feed = StreamFeed.on(stack);
    feed.register(registry);
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  @Test
  void readsNeedNoCredentialWhileJobsAndMetricsStillDo() throws Exception {
    try (ServingClients clients =
        new ServingClients(port, grpcServer.port(), ServingAccessIT.SERVICE)) {
      ServingAccessIT.awaitRead(clients, null);

      assertThat(clients.postFeatures(null).statusCode()).isEqualTo(200);
      assertThat(clients.getFeatures(null).statusCode()).isEqualTo(200);
      assertThat(clients.postFeatures("tsk_stale_key").statusCode()).isEqualTo(200);
      assertThat(clients.grpcGet(null).getValuesCount()).isEqualTo(1);
      assertThat(clients.grpcBatch("tsk_stale_key")).isEqualTo(2);
      assertThat(clients.send("/api/v1/training-data/x", null, "GET", null).statusCode())
          .isEqualTo(401);
      assertThat(
              clients.send("/api/v1/training-data/x", TestApiKeys.READ, "GET", null).statusCode())
          .isEqualTo(403);
      assertThat(clients.send("/actuator/prometheus", null, "GET", null).statusCode())
          .isEqualTo(401);
    }
  }
}
