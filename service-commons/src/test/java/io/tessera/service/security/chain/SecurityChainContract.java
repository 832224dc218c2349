package io.tessera.service.security.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.TokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One set of expectations for both filter chains, built from the same policy: each stack's test
 * extends this with the web application type it runs.
 */
@SpringBootTest(
    classes = ChainTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      TestApiKeys.PROPERTY,
      "management.endpoints.web.exposure.include=health,info,metrics,prometheus",
      "management.endpoint.health.probes.enabled=true"
    })
abstract class SecurityChainContract {

  static final TokenIssuer ISSUER = TokenIssuer.start();

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void acceptTheIssuersTokens(DynamicPropertyRegistry registry) {
    ISSUER.properties().forEach((name, value) -> registry.add(name, () -> value));
  }

  @Test
  void healthAndItsProbesAreOpenEvenToAWrongCredential() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      assertThat(get(path, null).statusCode()).as(path).isEqualTo(200);
      assertThat(get(path, "tsk_not_a_key").statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void anOpenEndpointNeedsNoCredential() {
    assertThat(get("/api/things", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aWriteWithoutCredentialIs401ProblemWithAChallenge() {
    HttpResponse<String> refused = post("/api/things", null);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"tessera\"");
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.body())
        .contains("\"status\":401")
        .contains("\"instance\":\"/api/things\"")
        .contains("\"requiredScope\":\"write\"");
  }

  @Test
  void anUnknownOrMalformedCredentialIs401InvalidToken() {
    HttpResponse<String> unknown = post("/api/things", "tsk_not_a_key");
    HttpResponse<String> malformed = send(request("/api/things", "Bearer two words").POST(empty()));
    HttpResponse<String> basic = send(request("/api/things", "Basic dXNlcjpwYXNz").POST(empty()));

    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"");
    assertThat(malformed.statusCode()).isEqualTo(401);
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void aCredentialWithoutTheScopeIs403ProblemNamingTheScope() {
    HttpResponse<String> refused = post("/api/things", TestApiKeys.READ);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"insufficient_scope\"")
        .contains("scope=\"write\"");
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(refused.body()).contains("\"status\":403").contains("'reader' grants read");
  }

  @Test
  void theRightScopeOrAdminPassesAsTheKeysName() {
    assertThat(post("/api/things", TestApiKeys.WRITE).body()).isEqualTo("added by writer");
    assertThat(post("/api/things", TestApiKeys.ADMIN).body()).isEqualTo("added by operator");
    assertThat(get("/api/whoami", TestApiKeys.READ).body()).isEqualTo("reader");
    assertThat(get("/api/whoami", TestApiKeys.READ_WRITE).body()).isEqualTo("ci");
  }

  @Test
  void writeDoesNotImplyRead() {
    assertThat(get("/api/whoami", TestApiKeys.WRITE).statusCode()).isEqualTo(403);
  }

  @Test
  void adminEndpointsAndUnlistedPathsNeedAdmin() {
    assertThat(post("/api/jobs", null).statusCode()).isEqualTo(401);
    assertThat(post("/api/jobs", TestApiKeys.READ_WRITE).statusCode()).isEqualTo(403);
    assertThat(post("/api/jobs", TestApiKeys.ADMIN).body()).isEqualTo("job by operator");
    assertThat(get("/api/unlisted", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/unlisted", TestApiKeys.READ).statusCode()).isEqualTo(403);
    assertThat(get("/api/unlisted", TestApiKeys.ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsNeedTheMetricsScopeAndOtherActuatorEndpointsAdmin() {
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", TestApiKeys.READ_WRITE).statusCode()).isEqualTo(403);
    assertThat(get("/actuator/prometheus", TestApiKeys.METRICS).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus", TestApiKeys.ADMIN).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/metrics/jvm.memory.used", TestApiKeys.METRICS).statusCode())
        .isEqualTo(200);
    assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/info", TestApiKeys.METRICS).statusCode()).isEqualTo(403);
    assertThat(get("/actuator/info", TestApiKeys.ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void aJwtWithTheScopePassesAsItsSubjectAndBadTokensAre401() throws InterruptedException {
    String alice = ISSUER.token("alice", "openid write");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (post("/api/things", alice).statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100); // the issuer's keys load in the background
    }

    assertThat(post("/api/things", alice).body()).isEqualTo("added by alice");
    assertThat(post("/api/things", ISSUER.token("bob", "read")).statusCode()).isEqualTo(403);
    assertThat(post("/api/jobs", ISSUER.token("carol", "admin")).body()).isEqualTo("job by carol");
    for (String refused :
        new String[] {
          ISSUER.expiredToken("alice", "write"),
          ISSUER.tokenFromAnotherIssuer("alice", "write"),
          ISSUER.tokenForAnotherAudience("alice", "write"),
          ISSUER.tokenWithABadSignature("alice", "write")
        }) {
      HttpResponse<String> response = post("/api/things", refused);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("invalid_token");
    }
  }

  private HttpResponse<String> get(String path, String key) {
    return send(request(path, key == null ? null : TestApiKeys.bearer(key)).GET());
  }

  private HttpResponse<String> post(String path, String key) {
    return send(request(path, key == null ? null : TestApiKeys.bearer(key)).POST(empty()));
  }

  private static HttpRequest.BodyPublisher empty() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
