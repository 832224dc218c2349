package io.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.harness.freshness.FreshnessProbe;
import io.tessera.harness.load.EventKind;
import io.tessera.harness.load.EventLedger;
import io.tessera.harness.load.KafkaSink;
import io.tessera.harness.load.KinesisSink;
import io.tessera.harness.load.RandomEvents;
import io.tessera.harness.load.StreamDriver;
import io.tessera.harness.pipeline.Pipeline;
import io.tessera.harness.pipeline.PipelineNames;
import io.tessera.harness.pipeline.ServiceSpecs;
import io.tessera.harness.process.ServiceProcess;
import io.tessera.harness.serving.FeatureReads;
import io.tessera.harness.serving.FollowerPositions;
import io.tessera.harness.serving.ServingReaders;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The streaming pipeline end to end, as separate processes of the shipped jars: registry, ingest,
 * aggregation owners and serving followers on the real Kafka, Cassandra and Kinesis-API servers.
 * One random stream runs for the whole class (on-time, out-of-order, late within the allowed
 * lateness, duplicated and too-late events, in bursts, into a Kafka topic and a three-shard Kinesis
 * stream); each test disturbs the pipeline differently while it runs and then checks, at many
 * random request times, that the values every serving instance answers over REST and gRPC equal the
 * brute-force oracle.
 *
 * <p>The tests run in order because they share the stream (starting the pipeline once keeps the
 * module within minutes); each one's assertion stands alone. See {@link PipelineWatch} for how
 * "exact at t" is made testable while events keep arriving.
 */
@RealStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Generous: each test starts service JVMs (a kill -9 restart, a second instance), which takes
// minutes on a loaded 2-core machine; the waits inside are bounded on their own.
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StreamingPipelineIT {

  private static final double EVENTS_PER_SECOND = 150;
  private static final RandomEvents.Mix MIX = new RandomEvents.Mix(0.12, 0.06, 0.04);
  private static final int QUERIES_PER_ROUND = 120;
  private static final Duration FRESHNESS_RUN = Duration.ofSeconds(20);
  private static final String KEY_COLUMN = "user_id";

  /**
   * Too-late events are drawn this far behind the wall clock, once the views' watermarks are
   * established: the allowed lateness (2 min) plus a margin far beyond how much a watermark trails
   * the wall clock while events stream.
   */
  private static final Duration TOO_LATE_BEHIND = Duration.ofMinutes(4);

  private static final Duration WATERMARKS_ESTABLISHED = Duration.ofSeconds(20);

  private final PipelineNames names = PipelineNames.unique();
  private final String kafkaView = UniqueNames.of("e2e_kafka");
  private final String kinesisView = UniqueNames.of("e2e_kinesis");
  private final String sourceTopic = UniqueNames.of("e2e_source");
  private final String stream = UniqueNames.of("e2e_stream");
  private final EventLedger ledger = new EventLedger();

  private Pipeline pipeline;
  private PipelineWatch watch;
  private KinesisClient kinesis;
  private ViewSpec kafkaSpec;
  private ViewSpec kinesisSpec;
  private StreamDriver driver;
  private KafkaSink kafkaSink;
  private long streamStartMs;
  private String freshness = "not measured";

  @BeforeAll
  void startPipelineAndStream() throws Exception {
    LocalStack stack = LocalStack.get();
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      admin.createTopics(List.of(new NewTopic(sourceTopic, 4, (short) 1))).all().get();
    }
    kinesis = stack.kinesisClient();
    kinesis.createStream(b -> b.streamName(stream).shardCount(3));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kinesis.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus()
                    == StreamStatus.ACTIVE);

    pipeline = Pipeline.start(names);
    String kafkaJson = E2eViews.onKafka(kafkaView, sourceTopic);
    String kinesisJson =
        E2eViews.onKinesis(kinesisView, stream, stack.endpoints().kinesis().toString());
    pipeline.registryApi().putView(kafkaView, kafkaJson);
    pipeline.registryApi().putView(kinesisView, kinesisJson);
    kafkaSpec = ViewSpecs.of(valid(kafkaJson), kafkaView);
    kinesisSpec = ViewSpecs.of(valid(kinesisJson), kinesisView);
    watch = new PipelineWatch(stack.kafkaProperties(), names);

    kafkaSink = new KafkaSink(stack.kafkaProperties(), sourceTopic);
    streamStartMs = System.currentTimeMillis();
    driver =
        new StreamDriver(
            List.of(
                new StreamDriver.Stream(generator(kafkaView, "k", 24, 1), kafkaSink, 0.7),
                new StreamDriver.Stream(
                    generator(kinesisView, "s", 12, 2), new KinesisSink(kinesis, stream), 0.3)),
            EVENTS_PER_SECOND,
            new StreamDriver.Bursts(Duration.ofSeconds(6), Duration.ofSeconds(1), 5),
            ledger);
  }

  @Test
  @Order(1)
  void servedValuesEqualTheOracleWhileEventsStream() {
    long lost;
    try (FeatureReads rest = ServingReaders.rest(pipeline.servings().get(0))) {
      FreshnessProbe probe = freshnessProbe(rest);
      long until = System.currentTimeMillis() + FRESHNESS_RUN.toMillis();
      while (System.currentTimeMillis() < until) {
        probe.probeOnce();
      }
      freshness = probe.summary();
      lost = probe.lost();
    }
    System.out.println("[e2e] freshness, produce to served over REST: " + freshness);
    assertThat(lost).as("probes never served").isZero();

    for (int round = 0; round < 2; round++) {
      checkExactNow("while streaming, round " + round);
    }
  }

  @Test
  @Order(2)
  void staysExactWhenAnOwnerIsKilledWithUnsealedRecordsAndRestarted() {
    ServiceProcess owner = pipeline.aggregation();
    try {
      // Frozen, the owner can neither seal nor commit while the stream goes on: the lag then is
      // certain at the kill, not a race with a commit.
      owner.freeze(); // SIGSTOP
      await("the owner lags behind the stream")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> watch.lag().total() > 0);
      Map<Integer, Long> endsAtKill = watch.lag().endOffsets();
      Map<Integer, Long> committedAtKill = watch.lag().committedOffsets();
      owner.kill(); // SIGKILL
      long uncommitted =
          endsAtKill.entrySet().stream()
              .mapToLong(
                  e -> Math.max(0, e.getValue() - committedAtKill.getOrDefault(e.getKey(), 0L)))
              .sum();
      System.out.printf(
          "[e2e] killed the owner (pid %d) with %d records not committed%n",
          owner.pid(), uncommitted);
      assertThat(uncommitted).as("lag at the kill").isPositive();
      // the followers answer on their own while no owner runs
      checkExactNow("with the owner dead");
    } finally {
      // later tests need a running owner whatever happened here
      pipeline.restartAggregation();
    }
    checkExactNow("after kill -9 of the owner and its restart");
  }

  @Test
  @Order(3)
  void staysExactWhenAServingFollowerIsKilledAndRestarted() {
    ServiceProcess serving = pipeline.servings().get(0);
    serving.kill(); // SIGKILL
    System.out.printf("[e2e] killed serving (pid %d)%n", serving.pid());
    pipeline.restartServing();
    checkExactNow("after kill -9 of a serving follower and its restart");
  }

  @Test
  @Order(4)
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void staysExactWhileOwnersAndFollowersJoinLeaveAndPause() {
    ServiceProcess secondOwner = pipeline.addAggregation();
    ServiceProcess secondServing = pipeline.addServing();
    checkExactNow("with two owners and two followers");

    ServiceProcess paused = pipeline.aggregation();
    paused.freeze(); // SIGSTOP: a long GC pause, as far as the group can tell
    try {
      await("the paused owner's partitions move to the other owner")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> watch.lag().owners().size() == 1);
      checkExactNow("with one owner paused and its partitions moved");
    } finally {
      paused.resume(); // SIGCONT: a zombie until it learns it lost its partitions
    }
    checkExactNow("after the paused owner resumed");

    pipeline.removeServing(secondServing);
    pipeline.removeAggregation(secondOwner);
    checkExactNow("after the second owner and follower left");
  }

  @Test
  @Order(5)
  void everyEventIsAppliedOnceOrDeadLetteredAsTooLateOnceTheStreamStops() {
    driver.close();
    long endMs = System.currentTimeMillis() + 1;
    watch.awaitApplied(ledger, endMs, followers());
    // nothing more arrives: every time up to after the last event is final, open tiles included
    check("after the stream stopped", streamStartMs - 120_000, endMs + 120_000);
    for (String view : List.of(kafkaView, kinesisView)) {
      await("every too-late event of " + view + " is dead-lettered")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(watch.tooLate(view)).isEqualTo(ledger.tooLate(view, endMs)));
      assertThat(ledger.tooLate(view, endMs)).as("too-late events drawn for " + view).isNotEmpty();
    }
    long duplicates =
        ledger.all().stream().filter(s -> s.event().kind() == EventKind.DUPLICATE).count();
    System.out.printf(
        "[e2e] %d events sent (%d duplicates, %d + %d too late), freshness %s%n",
        ledger.size(),
        duplicates,
        ledger.tooLate(kafkaView, endMs).size(),
        ledger.tooLate(kinesisView, endMs).size(),
        freshness);
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (driver != null) {
      driver.close();
    }
    if (watch != null) {
      watch.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
    Path report = Path.of("target", "e2e-freshness.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, freshness + System.lineSeparator());
  }

  /** Barrier now, then every request time that can no longer change is checked for both views. */
  private void checkExactNow(String when) {
    driver.checkHealthy();
    long barrierMs = System.currentTimeMillis();
    watch.awaitApplied(ledger, barrierMs, followers());
    check(when, streamStartMs - 120_000, barrierMs - RandomEvents.MAX_DELAY_MS);
  }

  /** Every serving instance answers, over REST and over gRPC in turn. */
  private void check(String when, long fromMs, long toMs) {
    List<FeatureReads> readers = ServingReaders.restAndGrpc(pipeline.servings());
    try {
      for (ViewSpec view : List.of(kafkaSpec, kinesisSpec)) {
        OracleCheck.Result result =
            new OracleCheck(readers, view, KEY_COLUMN, ledger, fromMs ^ view.name().hashCode())
                .check(QUERIES_PER_ROUND, fromMs, toMs);
        System.out.printf(
            "[e2e] %s: %s: %d reads from %d serving instances, %d values, %d mismatches%n",
            when,
            view.name(),
            result.queries(),
            pipeline.servings().size(),
            result.values(),
            result.mismatchCount());
        assertThat(result.mismatches()).as("%s: %s", when, view.name()).isEmpty();
        assertDeadLettersAreTheTooLateEvents(view.name(), toMs);
      }
    } finally {
      readers.forEach(FeatureReads::close);
    }
    assertThat(watch.otherLetters()).as("dead letters other than too_late").isEmpty();
  }

  /** Too-late events sent before the barrier are dead-lettered; no applicable one ever is. */
  private void assertDeadLettersAreTheTooLateEvents(String view, long sentBeforeMs) {
    Set<String> lettered = watch.tooLate(view);
    Set<String> applicable = new HashSet<>();
    ledger.all().stream()
        .filter(s -> s.event().view().equals(view) && s.event().kind() != EventKind.TOO_LATE)
        .forEach(s -> applicable.add(s.event().eventId()));
    assertThat(lettered)
        .as("applicable events dead-lettered")
        .doesNotContainAnyElementsOf(applicable);
    await("too-late events sent before the barrier are dead-lettered")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(watch.tooLate(view)).containsAll(ledger.tooLate(view, sentBeforeMs)));
  }

  private List<FollowerPositions> followers() {
    return pipeline.servings().stream()
        .map(serving -> new FollowerPositions(serving.uri("/"), ServiceSpecs.metricsHeaders()))
        .toList();
  }

  private RandomEvents generator(String view, String idPrefix, int entities, long seed) {
    return new RandomEvents(view, idPrefix, entities, MIX, entity -> tooLateBefore(), seed);
  }

  /**
   * Where too-late event times end: the views' watermarks decide lateness, and while the stream
   * runs they trail the wall clock by seconds, so anything this far back is sealed.
   */
  private OptionalLong tooLateBefore() {
    long nowMs = System.currentTimeMillis();
    return nowMs - streamStartMs < WATERMARKS_ESTABLISHED.toMillis()
        ? OptionalLong.empty()
        : OptionalLong.of(nowMs - TOO_LATE_BEHIND.toMillis());
  }

  private FreshnessProbe freshnessProbe(FeatureReads serving) {
    RandomEvents probes =
        new RandomEvents(
            kafkaView, "probe", 1, RandomEvents.Mix.ON_TIME_ONLY, e -> OptionalLong.empty(), 3);
    String entity = kafkaView + "_probe";
    return new FreshnessProbe(
        kafkaSink,
        nowMs -> probes.onTime(entity, nowMs),
        expected -> {
          Object count =
              serving
                  .read(
                      kafkaView,
                      List.of("events"),
                      KEY_COLUMN,
                      entity,
                      System.currentTimeMillis() + 1)
                  .value("events", "lifetime");
          return count != null && (Long) count >= expected;
        });
  }

  private static FeatureView valid(String json) {
    ValidationResult<FeatureView> result = Definitions.checkView(json);
    if (result instanceof ValidationResult.Valid<FeatureView> valid) {
      return valid.value();
    }
    throw new IllegalArgumentException("invalid test view: " + result.problems());
  }
}
