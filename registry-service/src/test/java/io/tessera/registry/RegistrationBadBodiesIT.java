package io.tessera.registry;

import io.tessera.testsupport.BadBodyVerdict;
import io.tessera.testsupport.HostileJson;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Assertions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hostile bodies to the registry's registration ({@code PUT /api/v1/feature-views/{name}}) and
 * validation: every answer is a 4xx problem+json (or a registration, when the body was valid),
 * never a 5xx, and the registry is healthy after them all.
 */
class RegistrationBadBodiesIT {
  private static final String TABLES = UniqueNames.of("registry_hostile") + "_";
  private static final String VIEW = UniqueNames.of("hostile");
  private static ConfigurableApplicationContext registry;
  private static RegistryHttp http;

  @BeforeContainer
  static void start() {
    Map<String, String> properties = new HashMap<>(RegistryTopics.unique("registry_hostile_it"));
    properties.putAll(
        Map.of(
            "server.port",
            "0",
            "spring.cassandra.keyspace-name",
            LocalStack.TEST_KEYSPACE,
            "tessera.registry.table-prefix",
            TABLES,
            "tessera.security.api-keys",
            TestApiKeys.CONFIGURED));
    LocalStack.get();
    List<String> args = new ArrayList<>();
    properties.forEach((name, value) -> args.add("--" + name + "=" + value));
    registry =
        new SpringApplicationBuilder(RegistryApplication.class).run(args.toArray(String[]::new));
    http =
        new RegistryHttp(
            Integer.parseInt(registry.getEnvironment().getProperty("local.server.port")));
  }

  @AfterContainer
  static void healthyAfterwards() {
    try {
      Assertions.assertEquals(200, http.get("/actuator/health").status());
    } finally {
      registry.close();
      RegistryTables.drop(TABLES);
    }
  }

  @Property(tries = 300)
  void everyBadDefinitionIsAnsweredWithAProblemNeverAServerError(@ForAll("bodies") String body) {
    BadBodyVerdict.assertAnsweredCleanly(
        http.put("/api/v1/feature-views/" + VIEW, body).raw(), body);
    BadBodyVerdict.assertAnsweredCleanly(
        http.put("/api/v1/feature-services/" + VIEW + "svc", body).raw(), body);
  }

  @Example
  void everyMemberAtEveryEdgeIsAnsweredWithAProblemNeverAServerError() throws Exception {
    for (String body : HostileJson.everyMemberAtItsEdges(Bodies.view(VIEW, "hostile", "qa"))) {
      BadBodyVerdict.assertAnsweredCleanly(
          http.put("/api/v1/feature-views/" + VIEW, body).raw(), body);
      BadBodyVerdict.assertAnsweredCleanly(
          http.put("/api/v1/feature-services/" + VIEW + "svc", body).raw(), body);
    }
  }

  @Example
  void everyBackfillRequestMemberAtEveryEdgeIsAnsweredWithAProblemNeverAServerError() {
    String valid =
        "{\"version\": 1, \"from\": \"2026-11-01T00:00:00Z\", \"to\": \"2026-11-05T00:00:00Z\"}";
    for (String body : HostileJson.everyMemberAtItsEdges(valid)) {
      BadBodyVerdict.assertAnsweredCleanly(
          http.post("/api/v1/feature-views/" + VIEW + "/backfills", body).raw(), body);
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    return HostileJson.bodies(Bodies.view(VIEW, "hostile", "qa"));
  }
}
