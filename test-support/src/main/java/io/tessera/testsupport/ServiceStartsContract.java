package io.tessera.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service must do once started against the real stack: report itself healthy (which
 * includes its Cassandra session and a Kafka broker answering), serve its OpenAPI document and
 * console, and expose Prometheus metrics. A service's test extends this with an empty class in the
 * service's own package, so Spring Boot finds that service's application class.
 */
@RealStackTest
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.cassandra.keyspace-name=" + LocalStack.TEST_KEYSPACE)
public abstract class ServiceStartsContract {

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort private int port;

  @Test
  void reportsHealthyWithCassandraAndKafkaUp() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().startsWith("{\"components\""), health.body());
    assertTrue(health.body().contains("\"cassandra\":{"), health.body());
    assertTrue(health.body().contains("\"kafka\":{"), health.body());
    assertTrue(health.body().endsWith("\"status\":\"UP\"}"), health.body());
  }

  @Test
  void servesTheOpenApiDocumentAndConsole() throws Exception {
    HttpResponse<String> docs = get("/v3/api-docs");
    HttpResponse<String> console = get("/swagger-ui/index.html");

    assertEquals(200, docs.statusCode());
    assertTrue(docs.body().contains("\"openapi\":\"3.1"), docs.body());
    assertEquals(200, console.statusCode());
  }

  @Test
  void exposesPrometheusMetricsTaggedWithTheApplication() throws Exception {
    HttpResponse<String> metrics = get("/actuator/prometheus");

    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("jvm_memory_used_bytes{"), "no JVM metrics");
    assertTrue(metrics.body().contains("application=\""), "metrics carry no application tag");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
