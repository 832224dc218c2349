package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.serving.grpc.GrpcServer;
import io.tessera.serving.v1.Entity;
import io.tessera.serving.v1.FeatureList;
import io.tessera.serving.v1.FeatureSelection;
import io.tessera.serving.v1.FeatureServingGrpc;
import io.tessera.serving.v1.FeatureVector;
import io.tessera.serving.v1.GetFeaturesBatchRequest;
import io.tessera.serving.v1.GetFeaturesBatchResponse;
import io.tessera.serving.v1.GetFeaturesRequest;
import io.tessera.serving.v1.Status;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serving on the real stack: definitions from a Kafka registry topic, events in Cassandra written
 * through the storage module and compacted, answers over REST and gRPC.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeatureServingIT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = System.currentTimeMillis();
  private static final String VIEW = UniqueNames.of("txn");
  private static final String BF_VIEW = UniqueNames.of("bf");
  private static final String SERVICE = UniqueNames.of("svc");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ServingStack stack;
  private static final List<Event> ORACLE_EVENTS = new ArrayList<>();
  private static long presentEventMs;

  @LocalServerPort private int port;
  @Autowired private GrpcServer grpcServer;
  private final HttpClient http = HttpClient.newHttpClient();

  static String view(String name, String description, String spendWindows) {
    return """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [
           {"name": "spend", "function": "sum", "input": "amount", "windows": [%s], "default": 0.0},
           {"name": "n", "function": "count", "windows": ["1h"]}],
         "expectedFreshness": "10m", "description": "%s"}
        """
        .formatted(name, spendWindows, description);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    setUp();
    stack.register(registry);
  }

  static synchronized void setUp() throws Exception {
    if (stack != null) {
      return;
    }
    stack = ServingStack.create("srv");
    FeatureView v1 = stack.publishView(view(VIEW, "one", "\"1h\", \"1d\""), 1, "CREATED", false);
    stack.publishView(view(VIEW, "two", "\"1h\", \"1d\""), 2, "METADATA_ONLY", false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\", \"%s@1:n\"]}"
            .formatted(SERVICE, VIEW, VIEW),
        1);

    long closed = Math.floorDiv(NOW, MINUTE) * MINUTE - 2 * MINUTE;
    long sealed = closed - 30 * MINUTE;
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      long time = NOW - 48 * HOUR + (long) (random.nextDouble() * 48 * HOUR);
      ORACLE_EVENTS.add(event("u_oracle", time, "o" + i, i, random.nextInt(10_000) / 100.0));
    }
    stack.write(v1, VIEW, "u_oracle", ORACLE_EVENTS, closed, sealed);
    presentEventMs = NOW - 30_000;
    stack.write(
        v1,
        VIEW,
        "u_present",
        List.of(
            event("u_present", NOW - 20 * MINUTE, "p1", 1, 5.0),
            event("u_present", presentEventMs, "p2", 2, 7.5)),
        closed,
        sealed);
    stack.write(
        v1,
        VIEW,
        "u_stale",
        List.of(event("u_stale", NOW - 3 * HOUR, "s1", 1, 4.0)),
        closed,
        sealed);
    // older than the longest window (1d), within the view's retention (1d + the 1d tile)
    stack.write(
        v1,
        VIEW,
        "u_dormant",
        List.of(event("u_dormant", NOW - 30 * HOUR, "d1", 1, 9.0)),
        closed,
        sealed);
    FeatureView bf = stack.publishView(view(BF_VIEW, "one", "\"1h\""), 1, "CREATED", false);
    stack.write(
        bf, BF_VIEW, "u1", List.of(event("u1", NOW - 30 * MINUTE, "b1", 1, 1.0)), closed, sealed);
  }

  @AfterAll
  static void tearDown() {
    stack.close();
  }

  private static Event event(String user, long timeMs, String id, long offset, double amount) {
    return new Event(
        user, timeMs, id, offset, Map.of("user_id", user, "amount", amount, "ts", timeMs));
  }

  @Test
  void answersAFeatureServiceForOneEntityWithStatusesVersionsAndEventTimes() throws Exception {
    JsonNode vector = get("/api/v1/feature-services/" + SERVICE + "/features?user_id=u_present");

    JsonNode values = vector.get("values");
    assertThat(values).hasSize(3);
    assertThat(values.get(0).get("name").asString()).isEqualTo(VIEW + ":spend:1h");
    assertThat(values.get(0).get("viewVersion").asInt()).isEqualTo(2);
    assertThat(values.get(0).get("value").asDouble()).isEqualTo(12.5);
    assertThat(values.get(0).get("status").asString()).isEqualTo("present");
    assertThat(Instant.parse(values.get(0).get("newestEventTime").asString()).toEpochMilli())
        .isEqualTo(presentEventMs);
    assertThat(values.get(1).get("name").asString()).isEqualTo(VIEW + ":spend:1d");
    assertThat(values.get(2).get("name").asString()).isEqualTo(VIEW + "@1:n:1h");
    assertThat(values.get(2).get("viewVersion").asInt()).isEqualTo(1);
    assertThat(values.get(2).get("value").asLong()).isEqualTo(2);
  }

  @Test
  void batchGetGivesEveryEntityItsStatusInRequestOrder() throws Exception {
    JsonNode response =
        post(
            "/api/v1/features",
            """
            {"features": ["%s:spend", "%s:n"],
             "entities": [{"user_id": "u_stale"}, {"user_id": "u_nobody"}, {"user_id": "u_present"}]}
            """
                .formatted(VIEW, VIEW),
            200);

    JsonNode results = response.get("results");
    assertThat(results).hasSize(3);
    JsonNode stale = results.get(0).get("values");
    assertThat(results.get(0).get("entity").get("user_id").asString()).isEqualTo("u_stale");
    assertThat(stale.get(0).get("status").asString()).isEqualTo("stale");
    assertThat(stale.get(0).get("value").asDouble()).isEqualTo(0.0); // 1h: empty, the default
    assertThat(stale.get(1).get("value").asDouble()).isEqualTo(4.0); // 1d
    JsonNode nobody = results.get(1).get("values");
    assertThat(nobody.get(0).get("status").asString()).isEqualTo("not_found");
    assertThat(nobody.get(0).get("value").asDouble()).isEqualTo(0.0);
    assertThat(nobody.get(2).get("value").asLong()).isZero();
    assertThat(nobody.get(0).has("newestEventTime")).isFalse();
    assertThat(results.get(2).get("values").get(2).get("status").asString()).isEqualTo("present");
  }

  @Test
  void notFoundMeansNoEventWithinRetentionNotJustNoneInAWindow() throws Exception {
    JsonNode values = get("/api/v1/feature-services/" + SERVICE + "/features?user_id=u_dormant");

    for (JsonNode value : values.get("values")) {
      assertThat(value.get("status").asString()).as(value.toString()).isEqualTo("stale");
      assertThat(value.has("newestEventTime")).as("no event contributed").isFalse();
    }
    assertThat(values.get("values").get(1).get("value").asDouble()).isEqualTo(0.0); // 1d: default

    String beyondRetention = Instant.ofEpochMilli(NOW + 3 * 24 * HOUR).toString();
    JsonNode later =
        get(
            "/api/v1/feature-services/"
                + SERVICE
                + "/features?user_id=u_dormant&at="
                + beyondRetention);
    assertThat(later.get("values").get(0).get("status").asString()).isEqualTo("not_found");
  }

  @Test
  void pastRequestTimesEqualABruteForceOracle() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 8; i++) {
      long t = NOW - 40 * HOUR + (long) (random.nextDouble() * 40 * HOUR);
      if (i == 0) {
        t = ORACLE_EVENTS.get(5).eventTimeMs(); // an event exactly at t is excluded
      }
      JsonNode values =
          post(
                  "/api/v1/features",
                  """
                  {"features": ["%s:spend", "%s:n"], "entities": [{"user_id": "u_oracle"}], "at": "%s"}
                  """
                      .formatted(VIEW, VIEW, Instant.ofEpochMilli(t)),
                  200)
              .get("results")
              .get(0)
              .get("values");
      assertThat(values.get(0).get("value").asDouble())
          .as("spend 1h at %d", t)
          .isCloseTo(oracleSum(t, HOUR), within(1e-9));
      assertThat(values.get(1).get("value").asDouble())
          .as("spend 1d at %d", t)
          .isCloseTo(oracleSum(t, 24 * HOUR), within(1e-9));
      assertThat(values.get(2).get("value").asLong())
          .as("n 1h at %d", t)
          .isEqualTo(oracleCount(t, HOUR));
    }
  }

  private static double oracleSum(long t, long windowMs) {
    return ORACLE_EVENTS.stream()
        .filter(e -> e.eventTimeMs() >= t - windowMs && e.eventTimeMs() < t)
        .mapToDouble(e -> (Double) e.value("amount"))
        .sum();
  }

  private static long oracleCount(long t, long windowMs) {
    return ORACLE_EVENTS.stream()
        .filter(e -> e.eventTimeMs() >= t - windowMs && e.eventTimeMs() < t)
        .count();
  }

  @Test
  void refusesBadRequestsWithProblemJson() throws Exception {
    JsonNode missingKey =
        post(
            "/api/v1/features",
            "{\"features\": [\"%s:spend\", \"%s:nope\", \"bad ref\"], \"entities\": [{\"x\": 1}]}"
                .formatted(VIEW, VIEW),
            400);
    assertThat(missingKey.get("errors").toString())
        .contains("has no feature 'nope'")
        .contains("bad ref");
    JsonNode unknownService =
        post(
            "/api/v1/features",
            "{\"featureService\": \"nope\", \"entities\": [{\"user_id\": \"u\"}]}",
            404);
    assertThat(unknownService.get("title").asString()).isEqualTo("Unknown feature service");
    JsonNode noKey =
        post(
            "/api/v1/features",
            "{\"features\": [\"%s:spend\"], \"entities\": [{\"x\": 1}]}".formatted(VIEW),
            400);
    assertThat(noKey.get("detail").asString()).contains("no value for 'user_id'");
  }

  @Test
  void grpcSingleAndBatchGetsEqualRest() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
    try {
      var stub =
          FeatureServingGrpc.newBlockingStub(channel)
              .withInterceptors(GrpcCredentials.bearer(TestApiKeys.READ))
              .withDeadlineAfter(Duration.ofSeconds(10));
      FeatureVector one =
          stub.getFeatures(
              GetFeaturesRequest.newBuilder()
                  .setSelection(FeatureSelection.newBuilder().setFeatureService(SERVICE))
                  .setEntity(Entity.newBuilder().putKeys("user_id", "u_present"))
                  .build());
      assertThat(one.getValuesCount()).isEqualTo(3);
      assertThat(one.getValues(0).getValue().getDoubleValue()).isEqualTo(12.5);
      assertThat(one.getValues(0).getStatus()).isEqualTo(Status.PRESENT);
      assertThat(
              one.getValues(0).getNewestEventTime().getSeconds() * 1000
                  + one.getValues(0).getNewestEventTime().getNanos() / 1_000_000)
          .isEqualTo(presentEventMs);
      assertThat(one.getValues(2).getViewVersion()).isEqualTo(1);

      GetFeaturesBatchResponse batch =
          stub.getFeaturesBatch(
              GetFeaturesBatchRequest.newBuilder()
                  .setSelection(
                      FeatureSelection.newBuilder()
                          .setFeatures(FeatureList.newBuilder().addReferences(VIEW + ":spend")))
                  .addEntities(Entity.newBuilder().putKeys("user_id", "u_nobody"))
                  .addEntities(Entity.newBuilder().putKeys("user_id", "u_stale"))
                  .build());
      assertThat(batch.getVectorsCount()).isEqualTo(2);
      assertThat(batch.getVectors(0).getValues(0).getStatus()).isEqualTo(Status.NOT_FOUND);
      assertThat(batch.getVectors(1).getValues(1).getStatus()).isEqualTo(Status.STALE);
      assertThat(batch.getVectors(1).getValues(1).getValue().getDoubleValue()).isEqualTo(4.0);

      StatusRuntimeException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              StatusRuntimeException.class,
              () ->
                  stub.getFeatures(
                      GetFeaturesRequest.newBuilder()
                          .setSelection(FeatureSelection.newBuilder().setFeatureService(SERVICE))
                          .build()));
      assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void unpinnedRequestsSwitchToABackfilledVersionOnlyWhenItsBackfillCompletes() throws Exception {
    FeatureView v2 = stack.publishView(view(BF_VIEW, "two", "\"1h\", \"7d\""), 2, "SEMANTIC", true);
    String body =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}".formatted(BF_VIEW);
    String pinned =
        "{\"features\": [\"%s@2:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}"
            .formatted(BF_VIEW);
    await(() -> postStatus(pinned) == 200); // the registry has version 2
    JsonNode before = post("/api/v1/features", body, 200).get("results").get(0).get("values");
    assertThat(before).hasSize(1);
    assertThat(before.get(0).get("viewVersion").asInt()).isEqualTo(1);
    assertThat(before.get(0).get("value").asDouble()).isEqualTo(1.0);

    long closed = Math.floorDiv(NOW, MINUTE) * MINUTE - 2 * MINUTE;
    stack.write(
        v2,
        BF_VIEW + "@2",
        "u1",
        List.of(
            event("u1", NOW - 30 * MINUTE, "b1", 1, 1.0),
            event("u1", NOW - 50 * HOUR, "b0", 0, 2.0)),
        closed,
        closed - 30 * MINUTE);
    stack.publishBackfillCompleted(BF_VIEW, 2);

    await(
        () -> post("/api/v1/features", body, 200).get("results").get(0).get("values").size() == 2);
    JsonNode after = post("/api/v1/features", body, 200).get("results").get(0).get("values");
    assertThat(after.get(0).get("viewVersion").asInt()).isEqualTo(2);
    assertThat(after.get(1).get("window").asString()).isEqualTo("7d");
    assertThat(after.get(1).get("value").asDouble()).isEqualTo(3.0);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(100);
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private int postStatus(String body) throws Exception {
    return send(body).statusCode();
  }

  private HttpResponse<String> send(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/features"))
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode post(String path, String body, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    if (expectedStatus >= 400) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
    }
    return JSON.readTree(response.body());
  }
}
