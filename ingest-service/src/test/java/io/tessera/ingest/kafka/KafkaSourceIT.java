package io.tessera.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.support.TopicTail;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecord;
import io.tessera.records.normalized.Watermark;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A view on a real Kafka topic, end to end: events produced before ingest starts are read from the
 * earliest offset, a malformed corpus lands in the dead-letter topic with the right reasons while
 * the good events around it pass, a restart loses and duplicates nothing, a new version continues
 * where the old one stopped, and a deleted view is no longer consumed. A backlog of 6-days-old
 * events yields watermarks in every normalized partition that follow the history, never overtake an
 * event, and reach the wall clock once it is read; a 100 KB key and a year-ahead event time are
 * dead-lettered on the way.
 */
@RealStackTest
class KafkaSourceIT {

  private final String view = UniqueNames.of("kafka_view");
  private final String source = UniqueNames.of("src");
  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));

  private String viewJson(String filter) {
    return """
        {"name": "%s", "entity": ["user_id"],
         "source": {"type": "kafka", "topic": "%s"},
         "schema": {"user_id": "string", "amount": "double", "currency": "string", "ts": "string"},
         "eventTime": {"field": "ts", "format": "iso8601"},
         "transformation": {"filter": "%s", "derived": {"amount_cents": "int(amount * 100.0)"}},
         "features": [{"name": "spend", "function": "sum", "input": "amount", "windows": ["1h"]}]}
        """
        .formatted(view, source, filter);
  }

  private static String good(String user, double amount, String currency, int second) {
    return """
        {"user_id": "%s", "amount": %s, "currency": "%s", "ts": "2026-03-10T14:37:%02d.120Z"}
        """
        .formatted(user, amount, currency, second);
  }

  @Test
  void normalizesExactlyTheGoodEventsAndDeadLettersTheRestAcrossRestartsAndVersions()
      throws Exception {
    RegistryTopic registry = new RegistryTopic(topics.registry());
    RegistryTopic.Topics.create(source, 2);
    registry.publishView(viewJson("currency == 'EUR'"), 1);

    Map<String, Long> expectedIds = new HashMap<>(); // event id -> amount_cents
    Map<String, String> expectedReasons = new HashMap<>(); // detail key -> reason
    try (KafkaProducer<String, byte[]> producer = producer()) {
      // Before ingest runs: consumed from the earliest offset.
      expectGood(producer, expectedIds, "u1", 1.5, 0);
      send(producer, "u1", good("u1", 9.0, "USD", 1)); // filtered out
      expectBad(producer, expectedReasons, "{not json", "malformed_payload");
      expectBad(producer, expectedReasons, "[1, 2]", "malformed_payload");
      expectBad(
          producer,
          expectedReasons,
          "{\"amount\": 1.0, \"currency\": \"EUR\", \"ts\": \"2026-03-10T14:37:00Z\"}",
          "missing_entity");
      expectBad(
          producer,
          expectedReasons,
          "{\"user_id\": \"u2\", \"amount\": \"abc\", \"currency\": \"EUR\","
              + " \"ts\": \"2026-03-10T14:37:00Z\"}",
          "invalid_value");
      expectBad(
          producer,
          expectedReasons,
          "{\"user_id\": \"u2\", \"amount\": 1.0, \"currency\": \"EUR\", \"ts\": \"yesterday\"}",
          "missing_event_time");
      expectBad(
          producer,
          expectedReasons,
          "{\"user_id\": \"u2\", \"currency\": \"EUR\", \"ts\": \"2026-03-10T14:37:00Z\"}",
          "expression_failed");
      expectBad(
          producer,
          expectedReasons,
          "{\"user_id\": \"u2\", \"pad\": \"" + "x".repeat(5000) + "\"}",
          "too_large");
      expectGood(producer, expectedIds, "u2", 2.25, 2);
    }

    try (TopicTail normalized = new TopicTail(topics.normalized());
        TopicTail dead = new TopicTail(topics.deadLetters())) {
      try (IngestInstance ingest = IngestInstance.start(topics, Map.of())) {
        normalized.awaitEvents(expectedIds.size());
        List<DeadLetter> letters = dead.awaitLetters(expectedReasons.size());
        assertThat(letters)
            .allSatisfy(
                letter -> {
                  assertThat(letter.view()).isEqualTo(view);
                  assertThat(letter.viewVersion()).isEqualTo(1);
                  assertThat(letter.source().kind()).isEqualTo("kafka");
                  assertThat(letter.source().name()).isEqualTo(source);
                });
        assertThat(
                letters.stream()
                    .collect(
                        Collectors.toMap(
                            l -> l.source().partition() + ":" + l.source().position(),
                            DeadLetter::reason)))
            .isEqualTo(expectedReasons);
        assertThat(
                letters.stream()
                    .filter(l -> l.reason().equals("malformed_payload"))
                    .map(l -> new String(l.original(), StandardCharsets.UTF_8)))
            .containsExactlyInAnyOrder("{not json", "[1, 2]");
      }

      // While ingest is down: nothing may be lost or read twice after the restart.
      try (KafkaProducer<String, byte[]> producer = producer()) {
        for (int i = 0; i < 20; i++) {
          expectGood(producer, expectedIds, "u" + (i % 5), i + 0.5, 3 + i % 50);
        }
      }
      try (IngestInstance ingest = IngestInstance.start(topics, Map.of())) {
        normalized.awaitEvents(expectedIds.size());
        assertExactly(normalized.events(), expectedIds, 1);

        // A new version takes over where version 1 stopped: no gap, no event read twice.
        registry.publishView(viewJson("currency == 'EUR' || currency == 'USD'"), 2);
        SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Integer.valueOf(2).equals(supervisor.runningVersions().get(view)));
        Map<String, Long> v2Ids = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
          expectGood(producer, v2Ids, "u9", 4.0, 30);
          RecordMetadata usd = send(producer, "u9", good("u9", 5.0, "USD", 31));
          v2Ids.put(id(usd), 500L);
        }
        List<NormalizedEvent> all = normalized.awaitEvents(expectedIds.size() + v2Ids.size());
        Thread.sleep(1_000); // anything read twice would show up now
        all = normalized.events();
        Map<String, Long> everything = new HashMap<>(expectedIds);
        everything.putAll(v2Ids);
        assertThat(all.stream().map(NormalizedEvent::eventId)).doesNotHaveDuplicates();
        assertThat(ids(all)).isEqualTo(everything.keySet());
        assertThat(all)
            .filteredOn(e -> v2Ids.containsKey(e.eventId()))
            .allSatisfy(e -> assertThat(e.viewVersion()).isEqualTo(2));

        // Deleted: the consumer stops, and later events are not read.
        registry.deleteView(view, 2);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !supervisor.runningVersions().containsKey(view));
        try (KafkaProducer<String, byte[]> producer = producer()) {
          send(producer, "u1", good("u1", 7.0, "EUR", 40));
        }
        Thread.sleep(2_000);
        assertThat(normalized.events()).hasSize(everything.size());
      }
    }
  }

  @Test
  void publishesWatermarksThatFollowABacklogAndNeverOvertakeItsEvents() throws Exception {
    RegistryTopic registry = new RegistryTopic(topics.registry());
    RegistryTopic.Topics.create(source, 2);
    registry.publishView(
        """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "%s"},
         "schema": {"user_id": "string", "n": "long", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "events", "function": "count", "windows": ["1h"]}]}
        """
            .formatted(view, source),
        1);
    long startMs = System.currentTimeMillis();
    long baseMs = startMs - Duration.ofDays(6).toMillis();
    int perPartition = 300;
    Set<String> expectedIds = new java.util.HashSet<>();
    Map<String, String> expectedReasons = new HashMap<>(); // source position -> reason
    long historyMaxMs = Long.MIN_VALUE;
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int i = 0; i < perPartition; i++) {
        for (int partition = 0; partition < 2; partition++) {
          // Record timestamp = event time, increasing within each source partition.
          long eventMs = baseMs + (2L * i + partition) * 1_000;
          historyMaxMs = Math.max(historyMaxMs, eventMs);
          String user = "u" + (i % 7);
          RecordMetadata sent = send(producer, partition, eventMs, user, history(user, i, eventMs));
          expectedIds.add(id(sent));
          if (i == 20 && partition == 0) {
            String hugeKey = "k".repeat(100 * 1024);
            RecordMetadata bad = send(producer, 0, eventMs, "huge", history(hugeKey, i, eventMs));
            expectedReasons.put(bad.partition() + ":" + bad.offset(), "too_large");
          }
          if (i == 40 && partition == 1) {
            long yearAhead = startMs + Duration.ofDays(365).toMillis();
            RecordMetadata bad = send(producer, 1, eventMs, "early", history("u1", i, yearAhead));
            expectedReasons.put(bad.partition() + ":" + bad.offset(), "too_early");
          }
        }
      }
    }

    try (TopicTail normalized = new TopicTail(topics.normalized());
        TopicTail dead = new TopicTail(topics.deadLetters());
        IngestInstance ingest =
            IngestInstance.start(
                topics,
                Map.of(
                    "tessera.ingest.max-payload-bytes", 262_144,
                    "tessera.ingest.kafka.max-poll-records", 10,
                    "tessera.ingest.watermark.interval", "50ms"))) {
      List<NormalizedEvent> events = normalized.awaitEvents(expectedIds.size());
      assertThat(ids(events)).isEqualTo(expectedIds);
      List<DeadLetter> letters = dead.awaitLetters(2);
      assertThat(
              letters.stream()
                  .collect(
                      Collectors.toMap(
                          l -> l.source().partition() + ":" + l.source().position(),
                          DeadLetter::reason)))
          .isEqualTo(expectedReasons);
      assertThat(letters)
          .anySatisfy(
              l ->
                  assertThat(l.detail())
                      .startsWith("entity key of 102400 bytes exceeds the limit of 1024 bytes"))
          .anySatisfy(l -> assertThat(l.detail()).contains("ahead of the wall clock"));

      // Once the backlog is read, every partition gets a watermark covering all of it.
      final long coveredMs = historyMaxMs;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> normalized.partitionsWithWatermark(view, coveredMs) == 4);
      long endMs = System.currentTimeMillis();
      List<Long> history = new ArrayList<>();
      for (List<NormalizedRecord> partition : normalized.byPartition().values()) {
        long passedMs = Long.MIN_VALUE; // the partition's watermark of the view so far
        for (NormalizedRecord record : partition) {
          if (isWatermarkOf(record)) {
            long watermarkMs = watermarkMs(record);
            // too_early events never moved it: never ahead of the wall clock (plus clock skew).
            assertThat(watermarkMs).isLessThanOrEqualTo(endMs + Duration.ofMinutes(5).toMillis());
            if (watermarkMs <= coveredMs) {
              history.add(watermarkMs);
            }
            passedMs = Math.max(passedMs, watermarkMs);
          } else if (record instanceof NormalizedEvent event) {
            assertThat(event.eventTimeMs())
                .as("event %s after a watermark that passed it", event.eventId())
                .isGreaterThanOrEqualTo(passedMs);
          }
        }
      }
      // While the backlog was read, the watermarks followed the event times, not the wall clock.
      assertThat(history)
          .isNotEmpty()
          .allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(baseMs));
    }
  }

  private boolean isWatermarkOf(NormalizedRecord record) {
    return record instanceof Watermark watermark
        && watermark.view().equals(view)
        && !watermark.isRetired();
  }

  private static long watermarkMs(NormalizedRecord record) {
    return ((Watermark) record).watermarkMs();
  }

  private static String history(String user, int n, long eventMs) {
    return "{\"user_id\": \"%s\", \"n\": %d, \"ts\": %d}".formatted(user, n, eventMs);
  }

  private RecordMetadata send(
      KafkaProducer<String, byte[]> producer,
      int partition,
      long timestampMs,
      String key,
      String value) {
    try {
      return producer
          .send(
              new ProducerRecord<>(
                  source, partition, timestampMs, key, value.getBytes(StandardCharsets.UTF_8)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertExactly(
      List<NormalizedEvent> events, Map<String, Long> expectedIds, int version) {
    assertThat(events.stream().map(NormalizedEvent::eventId)).doesNotHaveDuplicates();
    assertThat(ids(events)).isEqualTo(expectedIds.keySet());
    for (NormalizedEvent event : events) {
      assertThat(event.viewVersion()).isEqualTo(version);
      assertThat(event.values().get("amount_cents")).isEqualTo(expectedIds.get(event.eventId()));
      assertThat(event.values().get("currency")).isEqualTo("EUR");
      assertThat(event.eventTimeMs() % 1000).isEqualTo(120);
      assertThat(event.sourceTimeMs()).isPositive();
    }
  }

  private static Set<String> ids(List<NormalizedEvent> events) {
    return events.stream().map(NormalizedEvent::eventId).collect(Collectors.toSet());
  }

  private void expectGood(
      KafkaProducer<String, byte[]> producer,
      Map<String, Long> expected,
      String user,
      double amount,
      int second) {
    RecordMetadata sent = send(producer, user, good(user, amount, "EUR", second));
    expected.put(id(sent), Math.round(amount * 100));
  }

  private void expectBad(
      KafkaProducer<String, byte[]> producer,
      Map<String, String> expected,
      String payload,
      String reason) {
    RecordMetadata sent = send(producer, "bad", payload);
    expected.put(sent.partition() + ":" + sent.offset(), reason);
  }

  private String id(RecordMetadata sent) {
    return "kafka:" + source + ":" + sent.partition() + ":" + sent.offset();
  }

  private RecordMetadata send(KafkaProducer<String, byte[]> producer, String key, String value) {
    try {
      return producer
          .send(new ProducerRecord<>(source, key, value.getBytes(StandardCharsets.UTF_8)))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        LocalStack.get().kafkaProperties(), new StringSerializer(), new ByteArraySerializer());
  }
}
