package io.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.e2e.freshness.FreshnessProbe;
import io.tessera.e2e.load.EventKind;
import io.tessera.e2e.load.EventLedger;
import io.tessera.e2e.load.KafkaSink;
import io.tessera.e2e.load.KinesisSink;
import io.tessera.e2e.load.RandomEvents;
import io.tessera.e2e.load.StreamDriver;
import io.tessera.e2e.pipeline.Pipeline;
import io.tessera.e2e.pipeline.PipelineNames;
import io.tessera.e2e.process.ServiceProcess;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.StorageSchema;
import io.tessera.storage.ViewRetention;
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
 * The streaming pipeline end to end, as separate processes of the shipped jars: registry, ingest
 * and aggregation on the real Kafka, Cassandra and Kinesis-API servers. One random stream runs for
 * the whole class (on-time, out-of-order, late within the allowed lateness, duplicated and too-late
 * events, in bursts, into a Kafka topic and a three-shard Kinesis stream); each test disturbs the
 * pipeline differently while it runs and then checks, at many random query times, that the values
 * read through the engine's read plan from Cassandra equal the brute-force oracle.
 *
 * <p>The tests run in order because they share the stream (starting the pipeline once keeps the
 * module under five minutes); each one's assertion stands alone. See {@link PipelineWatch} for how
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

  private final PipelineNames names = PipelineNames.unique();
  private final String kafkaView = UniqueNames.of("e2e_kafka");
  private final String kinesisView = UniqueNames.of("e2e_kinesis");
  private final String sourceTopic = UniqueNames.of("e2e_source");
  private final String stream = UniqueNames.of("e2e_stream");
  private final EventLedger ledger = new EventLedger();

  private Pipeline pipeline;
  private PipelineWatch watch;
  private KinesisClient kinesis;
  private CassandraTileStore store;
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
    store =
        new CassandraTileStore(
            stack.cqlSession(), StorageSchema.unprefixed(), ViewRetention.FOREVER);
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
  void valuesEqualTheOracleWhileEventsStreamAndCompactionRuns() {
    FreshnessProbe probe = freshnessProbe();
    long until = System.currentTimeMillis() + FRESHNESS_RUN.toMillis();
    while (System.currentTimeMillis() < until) {
      probe.probeOnce();
    }
    freshness = probe.summary();
    System.out.println("[e2e] freshness, produce to readable through the read plan: " + freshness);
    assertThat(probe.lost()).as("probes never readable").isZero();

    for (int round = 0; round < 2; round++) {
      checkExactNow("while streaming, round " + round);
    }
  }

  @Test
  @Order(2)
  void staysExactWhenAggregationIsKilledWithUnappliedRecordsAndRestarted() {
    ServiceProcess aggregation = pipeline.aggregation();
    try {
      // Frozen, the instance can neither apply nor commit, while the stream goes on: waiting for
      // lag then cannot race with a commit, as polling for lag on a running instance does.
      aggregation.freeze(); // SIGSTOP
      await("aggregation lags behind the stream")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> watch.lag().total() > 0);
      Map<Integer, Long> endsAtKill = watch.lag().endOffsets();
      Map<Integer, Long> committedAtKill = watch.lag().committedOffsets();
      aggregation.kill(); // SIGKILL
      long unapplied =
          endsAtKill.entrySet().stream()
              .mapToLong(
                  e -> Math.max(0, e.getValue() - committedAtKill.getOrDefault(e.getKey(), 0L)))
              .sum();
      System.out.println(
          "[e2e] killed aggregation (pid "
              + aggregation.pid()
              + ") with "
              + unapplied
              + " records not committed");
      assertThat(unapplied).as("lag at the kill").isPositive();
    } finally {
      // later tests need a running instance whatever happened here
      pipeline.restartAggregation();
    }
    checkExactNow("after kill -9 and restart");
  }

  @Test
  @Order(3)
  void staysExactWhileASecondInstanceJoinsAndLeaves() {
    ServiceProcess second = pipeline.addAggregation();
    try {
      checkExactNow("with two aggregation instances");
    } finally {
      pipeline.removeAggregation(second);
    }
    checkExactNow("after the second instance left");
  }

  @Test
  @Order(4)
  void everyEventIsAppliedOnceOrDeadLetteredAsTooLateOnceTheStreamStops() {
    driver.close();
    long endMs = System.currentTimeMillis() + 1;
    watch.awaitApplied(ledger, endMs);
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

  /** Barrier now, then every query time that can no longer change is checked for both views. */
  private void checkExactNow(String when) {
    driver.checkHealthy();
    long barrierMs = System.currentTimeMillis();
    watch.awaitApplied(ledger, barrierMs);
    check(when, streamStartMs - 120_000, barrierMs - RandomEvents.MAX_DELAY_MS);
  }

  private void check(String when, long fromMs, long toMs) {
    for (ViewSpec view : List.of(kafkaSpec, kinesisSpec)) {
      OracleCheck.Result result =
          new OracleCheck(store, view, ledger, fromMs ^ view.name().hashCode())
              .check(QUERIES_PER_ROUND, fromMs, toMs);
      System.out.printf(
          "[e2e] %s: %s: %d reads, %d values, %d mismatches%n",
          when, view.name(), result.queries(), result.values(), result.mismatchCount());
      assertThat(result.mismatches()).as("%s: %s", when, view.name()).isEmpty();
      assertDeadLettersAreTheTooLateEvents(view.name(), toMs);
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
    assertThat(lettered).containsAll(ledger.tooLate(view, sentBeforeMs));
  }

  private RandomEvents generator(String view, String idPrefix, int entities, long seed) {
    return new RandomEvents(
        view, idPrefix, entities, MIX, entity -> sealedBefore(view, entity), seed);
  }

  private OptionalLong sealedBefore(String view, String entity) {
    long sealed = store.readHead(new EntityRef(view, entity)).meta().sealedBeforeMs();
    return sealed == EntityMeta.NO_TIME ? OptionalLong.empty() : OptionalLong.of(sealed);
  }

  private FreshnessProbe freshnessProbe() {
    RandomEvents probes =
        new RandomEvents(
            kafkaView, "probe", 1, RandomEvents.Mix.ON_TIME_ONLY, e -> OptionalLong.empty(), 3);
    String entity = kafkaView + "_probe";
    ViewReader reader = new ViewReader(kafkaSpec);
    EntityRef ref = new EntityRef(kafkaView, entity);
    WindowSpec lifetime = WindowSpec.lifetime();
    return new FreshnessProbe(
        kafkaSink,
        nowMs -> probes.onTime(entity, nowMs),
        expected ->
            (Long) reader.read(store, ref, System.currentTimeMillis() + 1).get("events", lifetime)
                >= expected);
  }

  private static FeatureView valid(String json) {
    ValidationResult<FeatureView> result = Definitions.checkView(json);
    if (result instanceof ValidationResult.Valid<FeatureView> valid) {
      return valid.value();
    }
    throw new IllegalArgumentException("invalid test view: " + result.problems());
  }
}
