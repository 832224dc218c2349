package io.tessera.serving;

import io.tessera.testsupport.BadBodyVerdict;
import io.tessera.testsupport.HostileJson;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
 * Hostile bodies to {@code POST /api/v1/features} of a running serving instance with a known
 * feature service: every answer is a 4xx problem+json (or an answer), never a 5xx, and serving is
 * healthy after them all.
 */
class FeaturesBadBodiesIT {
  private static final String VIEW = UniqueNames.of("hostile");
  private static final String SERVICE = UniqueNames.of("hostilesvc");
  private static final String VALID =
      "{\"featureService\": \"%s\", \"entities\": [{\"user_id\": \"u1\"}, {\"user_id\": \"u2\"}]}"
          .formatted(SERVICE);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static ServingStack stack;
  private static ConfigurableApplicationContext serving;
  private static int port;

  @BeforeContainer
  static void start() throws Exception {
    stack = ServingStack.create("hostile");
    stack.publishView(
        """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "spend", "function": "sum", "input": "amount", "windows": ["1h"]}]}
        """
            .formatted(VIEW),
        1,
        "CREATED",
        false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\"]}".formatted(SERVICE, VIEW), 1);
    Map<String, String> properties =
        Map.of(
            "server.port", "0",
            "spring.cassandra.keyspace-name", LocalStack.TEST_KEYSPACE,
            "tessera.serving.registry-topic", stack.registryTopic,
            "tessera.serving.backfill-status-topic", stack.backfillTopic,
            "tessera.serving.table-prefix", stack.tablePrefix,
            "tessera.serving.grpc-port", "0",
            "tessera.security.api-keys", TestApiKeys.CONFIGURED,
            "tessera.serving.follower.normalized-topic", UniqueNames.of("hostilenorm"));
    List<String> args = new ArrayList<>();
    properties.forEach((name, value) -> args.add("--" + name + "=" + value));
    serving =
        new SpringApplicationBuilder(ServingApplication.class).run(args.toArray(String[]::new));
    port = Integer.parseInt(serving.getEnvironment().getProperty("local.server.port"));
  }

  @AfterContainer
  static void healthyAfterwards() throws Exception {
    try {
      HttpResponse<String> health =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Assertions.assertEquals(200, health.statusCode(), health.body());
    } finally {
      serving.close();
      stack.close();
    }
  }

  @Property(tries = 300)
  void everyBadRequestIsAnsweredWithAProblemNeverAServerError(@ForAll("bodies") String body)
      throws Exception {
    BadBodyVerdict.assertAnsweredCleanly(new FeaturesEndpoint(port).post(body), body);
  }

  /** Once found by the property above: a null among the references was a 500, not a 400. */
  @Example
  void aNullAmongTheReferencesIsABadRequest() throws Exception {
    String body =
        "{\"features\": [\"%s:spend\", null], \"entities\": [{\"user_id\": \"u1\"}]}"
            .formatted(VIEW);
    HttpResponse<String> response = new FeaturesEndpoint(port).post(body);
    Assertions.assertEquals(400, response.statusCode(), response.body());
    Assertions.assertTrue(response.body().contains("features[1] is null"), response.body());
  }

  /** A lone surrogate would reach the store as '?': another entity's key, not this one's. */
  @Example
  void anEntityKeyThatIsNotUnicodeIsABadRequest() throws Exception {
    String body =
        "{\"featureService\": \"%s\", \"entities\": [{\"user_id\": \"u\\ud800\"}]}"
            .formatted(SERVICE);
    HttpResponse<String> response = new FeaturesEndpoint(port).post(body);
    Assertions.assertEquals(400, response.statusCode(), response.body());
    Assertions.assertTrue(response.body().contains("not valid Unicode"), response.body());
  }

  @Example
  void everyMemberAtEveryEdgeIsAnsweredWithAProblemNeverAServerError() throws Exception {
    for (String body : HostileJson.everyMemberAtItsEdges(VALID)) {
      BadBodyVerdict.assertAnsweredCleanly(new FeaturesEndpoint(port).post(body), body);
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    return HostileJson.bodies(VALID);
  }
}
