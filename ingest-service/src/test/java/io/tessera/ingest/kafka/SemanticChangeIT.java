package io.tessera.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.support.TopicTail;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A semantic change never freezes the version serving answers with: the new version starts a
 * lineage and reads the topic from its earliest record (its history), while the old version keeps
 * being fed; once the new lineage's backfill completes and the new version has caught up, the old
 * one stops. A metadata-only change instead continues where its predecessor stopped.
 */
@RealStackTest
class SemanticChangeIT {

  private final String view = UniqueNames.of("change_view");
  private final String source = UniqueNames.of("src");
  private final String status = UniqueNames.of("backfill_status");
  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));

  private String viewJson(String feature) {
    return """
        {"name": "%s", "entity": "user_id", "source": {"type": "kafka", "topic": "%s"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "%s", "function": "sum", "input": "amount", "windows": ["1h"]}]}
        """
        .formatted(view, source, feature);
  }

  @Test
  void feedsTheOldVersionUntilTheNewLineageIsBackfilledAndCaughtUp() throws Exception {
    RegistryTopic registry = new RegistryTopic(topics.registry());
    RegistryTopic.Topics.create(source, 1);
    RegistryTopic.Topics.create(status, 1);
    registry.publishView(viewJson("spend"), 1);
    try (KafkaProducer<String, byte[]> producer = producer();
        TopicTail normalized = new TopicTail(topics.normalized());
        IngestInstance ingest =
            IngestInstance.start(
                topics,
                Map.of(
                    "tessera.ingest.backfill-status-topic",
                    status,
                    "tessera.ingest.hand-over-grace",
                    "1s"))) {
      SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
      send(producer, 5);
      await().atMost(Duration.ofSeconds(60)).until(() -> versions(normalized).size() == 5);

      // A metadata-only change continues where version 1 stopped: nothing is read twice.
      registry.publishView(viewJson("spend"), 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Set.of(2).equals(supervisor.consumedVersions().get(view)));
      send(producer, 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> versions(normalized).size() == 7);
      assertThat(countByVersion(normalized)).isEqualTo(Map.of(1, 5L, 2, 2L));

      // A semantic change: version 3 reads the whole topic for its lineage; version 2 keeps going.
      registry.publishView(viewJson("total"), 3, "SEMANTIC", true);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Set.of(2, 3).equals(supervisor.consumedVersions().get(view)));
      send(producer, 3);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> countByVersion(normalized).getOrDefault(3, 0L) == 10L);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> countByVersion(normalized).getOrDefault(2, 0L) == 5L);
      assertThat(idsOf(normalized, 3)).isEqualTo(idsOf(normalized, 1, 2));
      Thread.sleep(3_000); // past the grace: without a completion, version 2 is still fed
      assertThat(supervisor.consumedVersions().get(view)).containsExactly(2, 3);

      // The backfill of version 3 completes: version 2 stops once 3 has caught up, after the grace.
      publishCompleted(3);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Set.of(3).equals(supervisor.consumedVersions().get(view)));
      send(producer, 2);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> countByVersion(normalized).getOrDefault(3, 0L) == 12L);
      Thread.sleep(1_000);
      assertThat(countByVersion(normalized)).isEqualTo(Map.of(1, 5L, 2, 5L, 3, 12L));
    }
  }

  private static Map<Integer, Long> countByVersion(TopicTail normalized) {
    return normalized.events().stream()
        .collect(Collectors.groupingBy(NormalizedEvent::viewVersion, Collectors.counting()));
  }

  private static List<Integer> versions(TopicTail normalized) {
    return normalized.events().stream().map(NormalizedEvent::viewVersion).toList();
  }

  private static Set<String> idsOf(TopicTail normalized, Integer... versions) {
    Set<Integer> wanted = Set.of(versions);
    return normalized.events().stream()
        .filter(e -> wanted.contains(e.viewVersion()))
        .map(NormalizedEvent::eventId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private int sent;

  private void send(KafkaProducer<String, byte[]> producer, int events) throws Exception {
    long now = System.currentTimeMillis();
    for (int i = 0; i < events; i++) {
      sent++;
      String value =
          "{\"user_id\": \"u%d\", \"amount\": %d.5, \"ts\": %d}".formatted(sent % 3, sent, now);
      producer
          .send(new ProducerRecord<>(source, "u" + sent, value.getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private void publishCompleted(int version) throws Exception {
    Instant now = Instant.now();
    BackfillStatus completed =
        new BackfillStatus(
            "test-" + version,
            view,
            version,
            BackfillState.COMPLETED,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            now,
            now,
            BackfillCounts.NONE,
            0,
            0,
            null,
            "test");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  status, BackfillCodec.key(completed), BackfillCodec.encode(completed)))
          .get();
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        LocalStack.get().kafkaProperties(), new StringSerializer(), new ByteArraySerializer());
  }
}
