package io.tessera.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingest.support.IngestHttp;
import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.testsupport.BadBodyVerdict;
import io.tessera.testsupport.HostileJson;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile push bodies against a running ingest with a known view: every answer is a 4xx
 * problem+json (or an acceptance), never a 5xx, and ingest is healthy after them all.
 */
class PushBadBodiesIT {
  private static final String VIEW = UniqueNames.of("hostile");
  private static final String VALID =
      "[{\"user_id\": \"u1\", \"amount\": 1.25, \"ts\": 1773153445120},"
          + " {\"user_id\": \"u2\", \"amount\": 3, \"ts\": 1773153445121}]";
  private static IngestInstance ingest;
  private static IngestHttp http;

  @BeforeContainer
  static void start() throws Exception {
    IngestInstance.Topics topics =
        new IngestInstance.Topics(
            UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));
    new RegistryTopic(topics.registry()).publishSpendView(VIEW, UniqueNames.of("source"));
    ingest = IngestInstance.start(topics, Map.of());
    http = new IngestHttp(ingest.port());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (http.push(VIEW, VALID, null).statusCode() != 200) { // the view reached ingest
      assertThat(System.nanoTime()).as("the view never became pushable").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @AfterContainer
  static void healthyAfterwards() throws Exception {
    try {
      assertThat(http.health().statusCode()).isEqualTo(200);
    } finally {
      ingest.close();
    }
  }

  @Property(tries = 300)
  void everyBadPushIsAnsweredWithAProblemNeverAServerError(@ForAll("bodies") String body)
      throws Exception {
    BadBodyVerdict.assertAnsweredCleanly(http.push(VIEW, body, null), body);
  }

  @Example
  void everyMemberAtEveryEdgeIsAnsweredWithAProblemNeverAServerError() throws Exception {
    for (String body : HostileJson.everyMemberAtItsEdges(VALID)) {
      BadBodyVerdict.assertAnsweredCleanly(http.push(VIEW, body, null), body);
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    return HostileJson.bodies(VALID);
  }
}
