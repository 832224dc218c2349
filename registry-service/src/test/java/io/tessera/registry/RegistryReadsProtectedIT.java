package io.tessera.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code tessera.security.registry-reads-open=false}, reads and validation need scope read.
 */
@RealStackTest
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {TestApiKeys.PROPERTY, "tessera.security.registry-reads-open=false"})
class RegistryReadsProtectedIT {

  private static final String TABLES = UniqueNames.of("registry_reads") + "_";

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void isolate(DynamicPropertyRegistry registry) {
    registry.add("spring.cassandra.keyspace-name", () -> LocalStack.TEST_KEYSPACE);
    registry.add("tessera.registry.table-prefix", () -> TABLES);
    RegistryTopics.unique("registry_reads_it")
        .forEach((name, value) -> registry.add(name, () -> value));
  }

  @AfterAll
  static void dropTables() {
    RegistryTables.drop(TABLES);
  }

  @Test
  void readsAndValidationNeedScopeRead() {
    RegistryHttp http = new RegistryHttp(port);
    String name = UniqueNames.of("view");
    assertThat(http.put("/api/v1/feature-views/" + name, Bodies.view(name, "risk", "a")).status())
        .isEqualTo(201);
    String path = "/api/v1/feature-views/" + name;

    assertThat(http.get(path).status()).isEqualTo(401);
    assertThat(http.get("/api/v1/feature-views").status()).isEqualTo(401);
    assertThat(http.post("/api/v1/feature-views:validate", "{}").status()).isEqualTo(401);
    assertThat(read(http, path, TestApiKeys.WRITE).status()).isEqualTo(403);
    assertThat(read(http, path, TestApiKeys.READ).status()).isEqualTo(200);
    assertThat(read(http, path, TestApiKeys.ADMIN).status()).isEqualTo(200);
  }

  private static RegistryHttp.Response read(RegistryHttp http, String path, String key) {
    return http.send(http.request(path).header("Authorization", TestApiKeys.bearer(key)).GET());
  }
}
