package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.TokenIssuer;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may call serving, on the real stack, over REST and gRPC alike: feature reads need scope
 * {@code read} (by default), training-data jobs {@code admin}; no credential or an invalid one is
 * 401 / {@code UNAUTHENTICATED}, one without the scope 403 / {@code PERMISSION_DENIED}; JWTs of the
 * configured issuer count like API keys with the same scopes. The instance is a follower of an
 * empty normalized topic: who may read is the question here, not what is read.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServingAccessIT {

  static final String VIEW = UniqueNames.of("acc");
  static final String SERVICE = UniqueNames.of("acc_svc");
  private static final TokenIssuer ISSUER = TokenIssuer.start();
  private static ServingStack stack;
  private static StreamFeed feed;

  @LocalServerPort private int port;
  @Autowired private GrpcServer grpcServer;
  private ServingClients clients;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = publish(ServingStack.create("acc"));
    feed = StreamFeed.on(stack);
    feed.register(registry);
    ISSUER.properties().forEach((name, value) -> registry.add(name, () -> value));
  }

  /** A view and a service reading it: reads that pass authorization answer 200. */
  static ServingStack publish(ServingStack stack) throws Exception {
    stack.publishView(FeatureServingIT.view(VIEW, "access", "\"1h\""), 1, "CREATED", false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\"]}".formatted(SERVICE, VIEW), 1);
    return stack;
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
    ISSUER.close();
  }

  @BeforeEach
  void connect() throws Exception {
    clients = new ServingClients(port, grpcServer.port(), SERVICE);
    awaitRead(clients, TestApiKeys.READ); // definitions arrive through Kafka
  }

  @AfterEach
  void disconnect() throws Exception {
    clients.close();
  }

  static void awaitRead(ServingClients clients, String credential) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (clients.postFeatures(credential).statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  @Test
  void featureReadsWithoutAValidCredentialAre401() {
    for (String credential : new String[] {null, "tsk_not_a_key"}) {
      for (HttpResponse<String> refused :
          new HttpResponse[] {clients.postFeatures(credential), clients.getFeatures(credential)}) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertProblemWithChallenge(refused);
      }
    }
  }

  @Test
  void featureReadsWithoutScopeReadAre403() {
    for (String credential : new String[] {TestApiKeys.WRITE, TestApiKeys.METRICS}) {
      for (HttpResponse<String> refused :
          new HttpResponse[] {clients.postFeatures(credential), clients.getFeatures(credential)}) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertProblemWithChallenge(refused);
        assertThat(refused.body()).contains("\"requiredScope\":\"read\"");
      }
    }
  }

  @Test
  void featureReadsWithScopeReadOrAdminAreAnswered() {
    for (String credential :
        new String[] {TestApiKeys.READ, TestApiKeys.READ_WRITE, TestApiKeys.ADMIN}) {
      assertThat(clients.postFeatures(credential).statusCode()).isEqualTo(200);
      assertThat(clients.getFeatures(credential).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void trainingJobsNeedScopeAdmin() {
    String job = "{\"featureService\": \"" + SERVICE + "\"}";
    for (String[] call :
        new String[][] {
          {"POST", "/api/v1/training-data", job},
          {"GET", "/api/v1/training-data/no-such-job", null},
          {"DELETE", "/api/v1/training-data/no-such-job", null}
        }) {
      HttpResponse<String> none = clients.send(call[1], null, call[0], call[2]);
      assertThat(none.statusCode()).as(call[0]).isEqualTo(401);
      assertProblemWithChallenge(none);
      for (String credential : new String[] {TestApiKeys.READ_WRITE, TestApiKeys.METRICS}) {
        HttpResponse<String> refused = clients.send(call[1], credential, call[0], call[2]);
        assertThat(refused.statusCode()).as(call[0]).isEqualTo(403);
        assertThat(refused.body()).contains("\"requiredScope\":\"admin\"");
      }
      // past authorization: a spine is missing, the job does not exist
      int admitted = clients.send(call[1], TestApiKeys.ADMIN, call[0], call[2]).statusCode();
      assertThat(admitted).as(call[0]).isIn(400, 404);
    }
  }

  @Test
  void grpcCallsWithoutAValidCredentialAreUnauthenticated() {
    for (String credential : new String[] {null, "tsk_not_a_key"}) {
      assertStatus(() -> clients.grpcGet(credential), Status.Code.UNAUTHENTICATED);
      assertStatus(() -> clients.grpcBatch(credential), Status.Code.UNAUTHENTICATED);
    }
  }

  @Test
  void grpcCallsWithoutScopeReadArePermissionDenied() {
    for (String credential : new String[] {TestApiKeys.WRITE, TestApiKeys.METRICS}) {
      assertStatus(() -> clients.grpcGet(credential), Status.Code.PERMISSION_DENIED);
      assertStatus(() -> clients.grpcBatch(credential), Status.Code.PERMISSION_DENIED);
    }
  }

  @Test
  void grpcCallsWithScopeReadAreAnswered() {
    assertThat(clients.grpcGet(TestApiKeys.READ).getValuesCount()).isEqualTo(1);
    assertThat(clients.grpcBatch(TestApiKeys.ADMIN)).isEqualTo(2);
  }

  @Test
  void tokensCountLikeKeysWithTheirScopesOnRestAndGrpc() throws InterruptedException {
    String app = ISSUER.token("fraud-model", "read");
    awaitRead(clients, app); // the issuer's keys load in the background

    assertThat(clients.postFeatures(app).statusCode()).isEqualTo(200);
    assertThat(clients.grpcGet(app).getValuesCount()).isEqualTo(1);
    assertThat(clients.send("/api/v1/training-data/x", app, "GET", null).statusCode())
        .isEqualTo(403);
    assertThat(
            clients
                .send("/api/v1/training-data/x", ISSUER.token("ds", "admin"), "GET", null)
                .statusCode())
        .isEqualTo(404);
    assertThat(clients.postFeatures(ISSUER.token("producer", "write")).statusCode()).isEqualTo(403);
    for (String bad :
        new String[] {
          ISSUER.expiredToken("fraud-model", "read"),
          ISSUER.tokenFromAnotherIssuer("fraud-model", "read"),
          ISSUER.tokenWithABadSignature("fraud-model", "read")
        }) {
      assertThat(clients.postFeatures(bad).statusCode()).isEqualTo(401);
      assertStatus(() -> clients.grpcGet(bad), Status.Code.UNAUTHENTICATED);
    }
  }

  static void assertStatus(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).isNotBlank();
            });
  }

  static void assertProblemWithChallenge(HttpResponse<String> refused) {
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }
}
