package io.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.harness.load.EventLedger;
import io.tessera.harness.load.KafkaSink;
import io.tessera.harness.load.RandomEvents;
import io.tessera.harness.load.SourceEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A semantic change registered while events stream, end to end with all four services as processes:
 * the version serving answers with keeps receiving its events while the new lineage is filled (here
 * from the source's retained history: the view has no batch source, so its backfill completes at
 * once and the new version replays the topic), serving switches to the new version once, per
 * instance, when the new lineage has caught up, and at every moment the values served (unpinned,
 * and pinned to either version) equal the brute-force oracle of the version that answered; no value
 * turns {@code stale} because of the change.
 */
@RealStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DefinitionChangeIT {

  private static final String KEY_COLUMN = "user_id";
  private static final int QUERIES = 60;
  private static final int HISTORY_EVENTS = 2_000;

  private final PipelineNames names = PipelineNames.unique();
  private Pipeline pipeline;
  private PipelineWatch watch;

  /** One pipeline for both tests (starting four JVMs dominates): each has a view of its own. */
  @BeforeAll
  void startPipeline() {
    pipeline = Pipeline.start(names);
    watch = new PipelineWatch(LocalStack.get().kafkaProperties(), names);
  }

  @AfterAll
  void stopPipeline() {
    if (watch != null) {
      watch.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static final String AMOUNT_MAX =
      """
      ,
         {"name": "amount_max", "function": "max", "input": "amount",
          "windows": ["5m", "lifetime"]}""";

  private static String definition(
      String view, String topic, String batchSource, String extraFeature) {
    return """
        {"name": "%s", "entity": "user_id",
         "source": {"type": "kafka", "topic": "%s"},%s
         "schema": {"user_id": "string", "txn_id": "string", "amount": "long", "price": "double",
                    "category": "string", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "eventId": "txn_id",
         "features": [
           {"name": "events", "function": "count", "windows": ["1m", "5m", "1h", "lifetime"]},
           {"name": "amount_sum", "function": "sum", "input": "amount",
            "windows": ["1m", "1h", "lifetime"]}%s
         ],
         "allowedLateness": "2m",
         "expectedFreshness": "1m"}
        """
        .formatted(view, topic, batchSource, extraFeature);
  }

  @Test
  void aSemanticChangeWhileEventsStreamNeverFreezesAndSwitchesOnce() throws Exception {
    String view = UniqueNames.of("e2e_change");
    String topic = UniqueNames.of("e2e_change_source");
    changeWhileStreaming(
        view,
        topic,
        definition(view, topic, "", ""),
        definition(view, topic, "", AMOUNT_MAX),
        List.of());
  }

  /**
   * The change adds a batch source whose history ends days before the stream: the registry asks for
   * its backfill, two aggregation processes share its tasks and write it, and once serving
   * switches, version 2's values (at times in the history too, and lifetime windows over both) are
   * the oracle's over the history and the stream together; version 1 never sees the history.
   */
  @Test
  void aChangeThatAddsABatchSourceServesItsHistoryOnceBackfilled() throws Exception {
    String view = UniqueNames.of("e2e_batch_change");
    String topic = UniqueNames.of("e2e_batch_change_source");
    long nowMs = System.currentTimeMillis();
    long historyStartMs = nowMs - Duration.ofDays(6).toMillis();
    RandomEvents draw =
        new RandomEvents(
            view, "h", 16, RandomEvents.Mix.ON_TIME_ONLY, e -> OptionalLong.empty(), 11);
    List<SourceEvent> history = new ArrayList<>();
    for (int i = 0; i < HISTORY_EVENTS; i++) {
      history.add(draw.next(historyStartMs + i * (Duration.ofDays(4).toMillis() / HISTORY_EVENTS)));
    }
    Path file = ServiceSpecs.BATCH_DIRECTORY.resolve(view + ".jsonl");
    Files.createDirectories(file.getParent());
    try (var out = Files.newOutputStream(file)) {
      for (SourceEvent event : history) {
        out.write(event.json());
        out.write('\n');
      }
    }
    String batchSource =
        """

         "batchSource": {"type": "files", "format": "jsonl", "path": "%s"},"""
            .formatted(file);
    // a second aggregation process: the backfill's tasks (one per normalized partition) are
    // shared by both workers, each scanning the file for its own partitions
    ServiceProcess secondWorker = pipeline.addAggregation();
    try {
      changeWhileStreaming(
          view,
          topic,
          definition(view, topic, "", ""),
          definition(view, topic, batchSource, AMOUNT_MAX),
          history);
    } finally {
      pipeline.removeAggregation(secondWorker);
      Files.deleteIfExists(file);
    }
  }

  /**
   * Streams into version 1, registers version 2 while the stream goes on, and checks: version 1
   * (pinned) exact throughout, serving switching once per instance and never stale, version 2
   * (unpinned and pinned) exact after the switch over the stream plus {@code history}, and ingest
   * stopping to feed version 1.
   */
  private void changeWhileStreaming(
      String view, String topic, String v1Json, String v2Json, List<SourceEvent> history)
      throws Exception {
    EventLedger ledger = new EventLedger();
    LocalStack stack = LocalStack.get();
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    ViewSpec v1 = ViewSpecs.of(valid(v1Json), view);
    ViewSpec v2 = ViewSpecs.of(valid(v2Json), view);
    long streamStartMs = System.currentTimeMillis();
    long v2FromMs =
        history.stream().mapToLong(SourceEvent::eventTimeMs).min().orElse(streamStartMs) - 60_000;
    try (KafkaSink sink = new KafkaSink(stack.kafkaProperties(), topic)) {
      pipeline.registryApi().putView(view, v1Json);
      try (StreamDriver driver =
          new StreamDriver(
              List.of(
                  new StreamDriver.Stream(
                      new RandomEvents(
                          view,
                          "c",
                          16,
                          new RandomEvents.Mix(0.1, 0.05, 0),
                          entity -> OptionalLong.empty(),
                          7),
                      sink,
                      1.0)),
              80,
              StreamDriver.Bursts.NONE,
              ledger)) {
        Thread.sleep(10_000);
        Checks checks = new Checks(pipeline, watch, driver);
        checks.exact(v1, view, 1, ledger, streamStartMs - 60_000, "version 1 alone");

        VersionWatch versions = new VersionWatch(pipeline.servings(), view, KEY_COLUMN, v1);
        try {
          pipeline.registryApi().putView(view, v2Json);
          while (!versions.sawVersion(2)) {
            // The version serving answers with until the switch: exact at every barrier.
            checks.exact(v1, view + "@1", 1, ledger, streamStartMs - 60_000, "during the change");
            assertThat(System.currentTimeMillis() - streamStartMs)
                .as("serving switched to version 2 within minutes")
                .isLessThan(Duration.ofMinutes(6).toMillis());
          }
          await("every serving instance answers with version 2")
              .atMost(Duration.ofMinutes(2))
              .until(() -> versions.everyInstanceAnswers(2));
          EventLedger withHistory = withHistory(ledger, history);
          checks.exact(v2, view, 2, withHistory, v2FromMs, "after the switch");
          checks.exact(v2, view + "@2", 2, withHistory, v2FromMs, "pinned to 2");
        } finally {
          versions.close();
        }
        assertThat(versions.problems()).as("versions and statuses served over time").isEmpty();
        System.out.printf(
            "[e2e] definition change: %d reads while it happened, switched once per instance%n",
            versions.reads());
        await("ingest stops feeding version 1 once version 2 serves")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> {
                  long before = watch.normalizedCount(view, 1);
                  Thread.sleep(3_000);
                  return watch.normalizedCount(view, 1) == before;
                });
      }
    }
  }

  /** The stream's sends and the history (sent long before anything here). */
  private static EventLedger withHistory(EventLedger stream, List<SourceEvent> history) {
    EventLedger all = new EventLedger();
    history.forEach(event -> all.record(event, 0));
    stream.all().forEach(sent -> all.record(sent.event(), sent.sentAtMs()));
    return all;
  }

  /**
   * Barrier for the answering version (the stream's events sent before now are applied), then
   * random reads at every time that can no longer change, over REST and gRPC of every serving
   * instance, against the oracle over {@code oracle}'s events.
   */
  private record Checks(Pipeline pipeline, PipelineWatch watch, StreamDriver driver) {
    void exact(
        ViewSpec spec, String readAs, int version, EventLedger oracle, long fromMs, String when) {
      driver.checkHealthy();
      long barrierMs = System.currentTimeMillis();
      List<FollowerPositions> followers =
          pipeline.servings().stream()
              .map(s -> new FollowerPositions(s.uri("/"), ServiceSpecs.metricsHeaders()))
              .toList();
      watch.awaitApplied(
          oracleStream(oracle, barrierMs), barrierMs, followers, spec.name(), version);
      List<FeatureReads> readers = ServingReaders.restAndGrpc(pipeline.servings());
      try {
        OracleCheck.Result result =
            new OracleCheck(readers, spec, readAs, KEY_COLUMN, oracle, barrierMs)
                .check(QUERIES, fromMs, barrierMs - RandomEvents.MAX_DELAY_MS);
        System.out.printf(
            "[e2e] %s: %s: %d reads, %d values, %d mismatches%n",
            when, readAs, result.queries(), result.values(), result.mismatchCount());
        assertThat(result.mismatches()).as("%s: %s", when, readAs).isEmpty();
      } finally {
        readers.forEach(FeatureReads::close);
      }
    }

    /** The streamed sends only: the history (sent at 0) is backfilled, never normalized. */
    private static EventLedger oracleStream(EventLedger oracle, long barrierMs) {
      EventLedger streamed = new EventLedger();
      oracle.sentBefore(barrierMs).stream()
          .filter(sent -> sent.sentAtMs() > 0)
          .forEach(sent -> streamed.record(sent.event(), sent.sentAtMs()));
      return streamed;
    }
  }

  private static FeatureView valid(String json) {
    ValidationResult<FeatureView> result = Definitions.checkView(json);
    if (result instanceof ValidationResult.Valid<FeatureView> valid) {
      return valid.value();
    }
    throw new IllegalArgumentException("invalid test view: " + result.problems());
  }
}
