package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.view.FeatureView;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code not_found} means no event within the view's retention ({@code [at - retention, at)}), not
 * just none in a window: an entity whose only event is older than the longest window (1d) but
 * retained (2d: 1d + the 1d tile) is {@code present} with its windows' defaults and that event's
 * time as {@code newestEventTime}, read from the sealed store's tiles; one millisecond past the
 * retention it is {@code not_found}. An event the follower still holds in memory counts as well.
 * {@code stale} only ever says the view's data is behind {@code at}, never that an entity is quiet.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotFoundMeansNoEventWithinRetentionIT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = System.currentTimeMillis();
  private static final long DORMANT_MS = NOW - 30 * HOUR - 12_345;
  private static final long OPEN_MS = NOW - 20_000;
  private static final String VIEW = UniqueNames.of("ret");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ServingStack stack;
  private static StreamFeed feed;
  private static long retentionMs;

  @LocalServerPort private int port;
  @Autowired private PartitionFollower follower;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    setUp();
    feed.register(registry);
  }

  static synchronized void setUp() throws Exception {
    if (stack != null) {
      return;
    }
    stack = ServingStack.create("ret");
    feed = StreamFeed.on(stack);
    FeatureView view =
        stack.publishView(
            FeatureServingIT.view(VIEW, "one", "\"1h\", \"1d\""), 1, "CREATED", false);
    retentionMs = view.retentionMs();
    feed.produce(
        VIEW,
        1,
        List.of(
            FeatureServingIT.event("u_dormant", DORMANT_MS, "d1", 9.0),
            FeatureServingIT.event("u_open", OPEN_MS, "o1", 3.0)));
    // u_dormant's event is sealed (day, hour and minute tiles); u_open's stays open in memory
    feed.seal(VIEW, 1, NOW);
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  @BeforeEach
  void followerCaughtUp() throws InterruptedException {
    StreamFeed.awaitCaughtUp(follower);
  }

  @Test
  void anEntityWithAnEventWithinRetentionButNoneInAWindowIsPresent() throws Exception {
    assertThat(retentionMs)
        .as("the retention reaches beyond the 1d window")
        .isGreaterThan(30 * HOUR);
    for (long at : List.of(NOW + 5_000, DORMANT_MS + 25 * HOUR, DORMANT_MS + 24 * HOUR + 1)) {
      JsonNode values = values("u_dormant", at);
      for (JsonNode value : values) {
        assertThat(value.get("status").asString()).as(at + ": " + value).isEqualTo("present");
        assertThat(Instant.parse(value.get("newestEventTime").asString()).toEpochMilli())
            .as(value.toString())
            .isEqualTo(DORMANT_MS);
      }
      assertThat(values.get(1).get("value").asDouble()).isEqualTo(0.0); // spend:1d, its default
      assertThat(values.get(2).get("value").asLong()).isZero(); // n:1h
    }
  }

  @Test
  void notFoundMeansNoEventWithinRetentionNotJustNoneInAWindow() throws Exception {
    // the retention's first millisecond still holds the event; the next one does not
    assertThat(values("u_dormant", DORMANT_MS + retentionMs).get(0).get("status").asString())
        .isNotEqualTo("not_found");
    for (JsonNode value : values("u_dormant", DORMANT_MS + retentionMs + 1)) {
      assertThat(value.get("status").asString()).as(value.toString()).isEqualTo("not_found");
      assertThat(value.has("newestEventTime")).as(value.toString()).isFalse();
    }
    for (JsonNode value : values("u_never", NOW)) {
      assertThat(value.get("status").asString()).as(value.toString()).isEqualTo("not_found");
    }
  }

  @Test
  void anEventStillInTheFollowersMemoryCountsToo() throws Exception {
    // a day and a minute later the event is in no window but within the retention; the view's
    // data reaches only to NOW, so the values are stale, not not_found
    JsonNode values = values("u_open", OPEN_MS + 24 * HOUR + MINUTE);
    for (JsonNode value : values) {
      assertThat(value.get("status").asString()).as(value.toString()).isEqualTo("stale");
      assertThat(Instant.parse(value.get("newestEventTime").asString()).toEpochMilli())
          .isEqualTo(OPEN_MS);
    }
  }

  /** The values of {@code user} at {@code atMs}: spend 1h, spend 1d, n 1h. */
  private JsonNode values(String user, long atMs) throws Exception {
    FeaturesEndpoint endpoint = new FeaturesEndpoint(port);
    String body =
        JSON.writeValueAsString(
            Map.of(
                "features",
                List.of(VIEW + ":spend", VIEW + ":n"),
                "entities",
                List.of(Map.of("user_id", user)),
                "at",
                Instant.ofEpochMilli(atMs).toString()));
    // definitions arrive via Kafka
    FeatureServingIT.await(() -> endpoint.post(body).statusCode() == 200);
    HttpResponse<String> response = endpoint.post(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("results").get(0).get("values");
  }
}
