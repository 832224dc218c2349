package io.tessera.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.StreamingUpload;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The registry refuses an oversized definition like ingest refuses an oversized push: 413
 * problem+json within a second, without reading the body, declared or chunked, twice in a row, and
 * health answers after. Over a real socket, with a client that streams as curl does.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryBodyLimitIT {

  private static final String TABLES = UniqueNames.of("registry_limit") + "_";
  private static final long MB = 1024 * 1024;

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void isolate(DynamicPropertyRegistry registry) {
    registry.add("spring.cassandra.keyspace-name", () -> LocalStack.TEST_KEYSPACE);
    registry.add("tessera.registry.table-prefix", () -> TABLES);
    RegistryTopics.unique("registry_limit_it")
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("tessera.security.api-keys", () -> TestApiKeys.CONFIGURED);
  }

  @AfterAll
  static void dropTables() {
    RegistryTables.drop(TABLES);
  }

  @Test
  void refusesA24MegabyteDefinitionWith413InASecondTwiceAndStaysHealthy() throws Exception {
    RegistryHttp http = new RegistryHttp(port);
    assertThat(http.get("/actuator/health").status()).isEqualTo(200); // a warm service
    StreamingUpload upload = new StreamingUpload("127.0.0.1", port);
    Map<String, String> headers =
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + RegistryHttp.KEY);

    for (int attempt = 0; attempt < 2; attempt++) {
      for (boolean chunked : new boolean[] {false, true}) {
        StreamingUpload.Answer answer =
            upload.send(
                "PUT",
                "/api/v1/feature-views/" + UniqueNames.of("view"),
                headers,
                24 * MB,
                chunked);
        assertThat(answer.status()).as(answer.head()).isEqualTo(413);
        assertThat(answer.head().toLowerCase()).contains("application/problem+json");
        assertThat(answer.toStatus())
            .as("attempt %d, chunked %s", attempt, chunked)
            .isLessThan(Duration.ofSeconds(1));
        assertThat(answer.bytesSent()).isLessThan(8 * MB);
      }
    }
    assertThat(http.get("/actuator/health").status()).isEqualTo(200);
  }
}
