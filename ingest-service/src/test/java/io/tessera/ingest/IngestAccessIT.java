package io.tessera.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.TokenIssuer;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may push and replay, on the real stack: pushing needs scope {@code write}, dead-letter replay
 * {@code admin}; no credential is 401, one without the scope 403, both problem+json with a
 * challenge. JWTs of the configured issuer count like API keys with the same scopes.
 */
@RealStackTest
class IngestAccessIT {

  private static final TokenIssuer ISSUER = TokenIssuer.start();
  private static final String VIEW = UniqueNames.of("auth_view");
  private static final String SOURCE = UniqueNames.of("auth_src");
  private static IngestInstance ingest;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    IngestInstance.Topics topics =
        new IngestInstance.Topics(
            UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));
    new RegistryTopic(topics.registry()).publishSpendView(VIEW, SOURCE);
    Map<String, Object> jwt = new HashMap<>(ISSUER.properties());
    ingest = IngestInstance.start(topics, jwt);
    SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> supervisor.runningVersions().containsKey(VIEW));
  }

  @AfterAll
  static void stop() {
    ingest.close();
    ISSUER.close();
  }

  @Test
  void pushWithoutAValidCredentialIs401() throws Exception {
    for (String credential : new String[] {null, "tsk_not_a_key"}) {
      HttpResponse<String> refused = push(credential);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      assertProblemWithChallenge(refused);
    }
  }

  @Test
  void pushWithoutScopeWriteIs403() throws Exception {
    for (String credential : new String[] {TestApiKeys.READ, TestApiKeys.METRICS}) {
      HttpResponse<String> refused = push(credential);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertProblemWithChallenge(refused);
      assertThat(refused.body()).contains("\"requiredScope\":\"write\"");
    }
  }

  @Test
  void pushWithScopeWriteOrAdminIsAccepted() throws Exception {
    assertThat(push(TestApiKeys.WRITE).statusCode()).isEqualTo(200);
    assertThat(push(TestApiKeys.ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void replayNeedsScopeAdmin() throws Exception {
    assertThat(replay(null).statusCode()).isEqualTo(401);
    assertProblemWithChallenge(replay(null));
    assertThat(replay(TestApiKeys.WRITE).statusCode()).isEqualTo(403);
    assertThat(replay(TestApiKeys.READ_WRITE).statusCode()).isEqualTo(403);
    assertThat(replay(TestApiKeys.ADMIN).statusCode()).isBetween(200, 299);
  }

  @Test
  void aTokenWithTheScopePushesAndOneWithoutIsRefused() throws Exception {
    String producer = ISSUER.token("producer", "write");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> push(producer).statusCode() == 200); // keys load in the background

    assertThat(push(ISSUER.token("app", "read")).statusCode()).isEqualTo(403);
    assertThat(push(ISSUER.expiredToken("producer", "write")).statusCode()).isEqualTo(401);
    assertThat(push(ISSUER.tokenWithABadSignature("producer", "write")).statusCode())
        .isEqualTo(401);
    assertThat(replay(ISSUER.token("producer", "write")).statusCode()).isEqualTo(403);
    assertThat(replay(ISSUER.token("oncall", "admin")).statusCode()).isBetween(200, 299);
  }

  private static void assertProblemWithChallenge(HttpResponse<String> refused) {
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  private HttpResponse<String> push(String credential) throws Exception {
    return send(
        "/api/v1/push/" + VIEW,
        credential,
        HttpRequest.BodyPublishers.ofString(
            "[{\"user_id\": \"u1\", \"amount\": 1.0, \"ts\": "
                + System.currentTimeMillis()
                + "}]"));
  }

  private HttpResponse<String> replay(String credential) throws Exception {
    return send(
        "/api/v1/dead-letters/" + VIEW + ":replay",
        credential,
        HttpRequest.BodyPublishers.noBody());
  }

  private HttpResponse<String> send(String path, String credential, HttpRequest.BodyPublisher body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + ingest.port() + path))
            .header("Content-Type", "application/json")
            .POST(body);
    if (credential != null) {
      request.header("Authorization", TestApiKeys.bearer(credential));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
