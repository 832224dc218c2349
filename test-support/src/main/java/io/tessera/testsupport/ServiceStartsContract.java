package io.tessera.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every service must do once started against the real stack: report itself healthy (which
 * includes its Cassandra session and a Kafka broker answering) to anyone, serve its OpenAPI
 * document and console, expose Prometheus metrics to a credential with scope {@code metrics}, and
 * keep every other actuator endpoint for {@code admin}, with API keys and JWTs alike. A service's
 * test extends this with an empty class in the service's own package, so Spring Boot finds that
 * service's application class.
 */
@RealStackTest
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.cassandra.keyspace-name=" + LocalStack.TEST_KEYSPACE,
      TestApiKeys.PROPERTY
    })
public abstract class ServiceStartsContract {

  /** Serves every subclass in this JVM; its server thread ends with the JVM. */
  private static final TokenIssuer ISSUER = TokenIssuer.start();

  // HTTP/1.1: the JDK client's default h2c upgrade against serving's Reactor Netty was seen to
  // leave a request unanswered forever, which hung the whole module's run
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(java.time.Duration.ofSeconds(5))
          .build();

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void acceptTheIssuersTokens(DynamicPropertyRegistry registry) {
    ISSUER.properties().forEach((name, value) -> registry.add(name, () -> value));
  }

  @Test
  void reportsHealthyWithCassandraAndKafkaUpToAnyone() throws Exception {
    HttpResponse<String> health = get("/actuator/health", null);

    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().startsWith("{\"components\""), health.body());
    assertTrue(health.body().contains("\"cassandra\":{"), health.body());
    assertTrue(health.body().contains("\"kafka\":{"), health.body());
    assertTrue(health.body().endsWith("\"status\":\"UP\"}"), health.body());
    assertEquals(200, get("/actuator/health/liveness", null).statusCode());
    assertEquals(200, get("/actuator/health/liveness", "tsk_not_a_key").statusCode());
  }

  @Test
  void servesTheOpenApiDocumentAndConsole() throws Exception {
    HttpResponse<String> docs = get("/v3/api-docs", null);
    HttpResponse<String> console = get("/swagger-ui/index.html", null);

    assertEquals(200, docs.statusCode());
    assertTrue(docs.body().contains("\"openapi\":\"3.1"), docs.body());
    assertTrue(docs.body().contains("\"scheme\":\"bearer\""), docs.body());
    assertEquals(200, console.statusCode());
  }

  @Test
  void exposesPrometheusMetricsTaggedWithTheApplicationToScopeMetrics() throws Exception {
    HttpResponse<String> metrics = get("/actuator/prometheus", TestApiKeys.METRICS);

    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("jvm_memory_used_bytes{"), "no JVM metrics");
    assertTrue(metrics.body().contains("application=\""), "metrics carry no application tag");
    assertEquals(200, get("/actuator/prometheus", TestApiKeys.ADMIN).statusCode());
    assertRefused(401, get("/actuator/prometheus", null));
    assertRefused(401, get("/actuator/prometheus", "tsk_not_a_key"));
    assertRefused(403, get("/actuator/prometheus", TestApiKeys.READ_WRITE));
  }

  @Test
  void keepsEveryOtherActuatorEndpointForAdmin() throws Exception {
    assertRefused(401, get("/actuator/info", null));
    assertRefused(403, get("/actuator/info", TestApiKeys.METRICS));
    assertRefused(403, get("/actuator/info", TestApiKeys.READ_WRITE));
    assertEquals(200, get("/actuator/info", TestApiKeys.ADMIN).statusCode());
    assertEquals(200, get("/actuator", TestApiKeys.ADMIN).statusCode());
    assertRefused(401, get("/actuator", null));
  }

  @Test
  void acceptsTheIssuersTokensWithTheScopeAndRefusesBadOnes() throws Exception {
    String scraper = ISSUER.token("prometheus", "metrics");
    for (int i = 0; i < 200 && get("/actuator/prometheus", scraper).statusCode() != 200; i++) {
      Thread.sleep(100); // the issuer's keys load in the background
    }

    assertEquals(200, get("/actuator/prometheus", scraper).statusCode());
    assertRefused(403, get("/actuator/prometheus", ISSUER.token("app", "read")));
    assertRefused(401, get("/actuator/prometheus", ISSUER.expiredToken("prometheus", "metrics")));
    assertRefused(
        401, get("/actuator/prometheus", ISSUER.tokenFromAnotherIssuer("prometheus", "metrics")));
    assertRefused(
        401, get("/actuator/prometheus", ISSUER.tokenWithABadSignature("prometheus", "admin")));
  }

  private static void assertRefused(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
        "no challenge");
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        "not problem+json");
  }

  private HttpResponse<String> get(String path, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(java.time.Duration.ofSeconds(30));
    if (key != null) {
      request.header("Authorization", TestApiKeys.bearer(key));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AssertionError("no answer to " + path + "; the server's threads:\n" + threads(), e);
    }
  }

  /** What every thread of this JVM (the service runs in it) is doing: why an answer is missing. */
  private static String threads() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              dump.append('"')
                  .append(thread.getName())
                  .append("\" ")
                  .append(thread.getState())
                  .append(" cpu=")
                  .append(
                      ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId())
                          / 1_000_000)
                  .append("ms");
              for (StackTraceElement frame : stack) {
                dump.append("\n    at ").append(frame);
              }
              dump.append('\n');
            });
    return dump.toString();
  }
}
