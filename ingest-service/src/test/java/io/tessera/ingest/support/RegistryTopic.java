package io.tessera.ingest.support;

import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.DeletionRecord;
import io.tessera.registryclient.RecordCodec;
import io.tessera.registryclient.TopicRecord;
import io.tessera.registryclient.VersionRecord;
import io.tessera.testsupport.LocalStack;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A per-test feature-definitions topic, written the way the registry-service writes it (with the
 * registry client's codec), so ingest tests need no running registry.
 */
public final class RegistryTopic {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String topic;

  public RegistryTopic(String topic) {
    this.topic = topic;
    Topics.create(topic, 1);
  }

  public String name() {
    return topic;
  }

  /**
   * Creates {@code sourceTopic} (one partition) and publishes version 1 of {@code view}: the
   * smallest Kafka-sourced view, {@code sum(amount)} over 1h per {@code user_id}, event time in
   * {@code ts} (epoch ms). What tests of ingest's edges need when the view itself is not the point.
   */
  public void publishSpendView(String view, String sourceTopic) {
    Topics.create(sourceTopic, 1);
    publishView(
        """
        {"name": "%s", "entity": "user_id", "source": {"type": "kafka", "topic": "%s"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "spend", "function": "sum", "input": "amount", "windows": ["1h"]}]}
        """
            .formatted(view, sourceTopic),
        1);
  }

  /**
   * Publishes a version; a later one as a metadata-only change, which keeps its predecessor's
   * lineage (ingest continues from the predecessor's positions).
   */
  public void publishView(String viewJson, int version) {
    publishView(viewJson, version, version == 1 ? VersionRecord.CREATED : "METADATA_ONLY", false);
  }

  /** Publishes a version with the change kind and backfill flag the registry would give it. */
  public void publishView(String viewJson, int version, String changeKind, boolean backfillDue) {
    ObjectNode definition = (ObjectNode) JSON.readTree(viewJson);
    publish(
        new VersionRecord(
            DefinitionKind.VIEW,
            definition.get("name").asString(),
            version,
            "hash-" + version,
            changeKind,
            backfillDue,
            "test",
            Instant.now(),
            definition));
  }

  public void deleteView(String name, int throughVersion) {
    publish(new DeletionRecord(DefinitionKind.VIEW, name, throughVersion, "test", Instant.now()));
  }

  private void publish(TopicRecord record) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            LocalStack.get().kafkaProperties(), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, record.key(), RecordCodec.value(record))).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Topic creation for tests. */
  public static final class Topics {
    private Topics() {}

    public static void create(String topic, int partitions) {
      try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
        admin
            .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of())))
            .all()
            .get();
      } catch (Exception e) {
        throw new IllegalStateException("creating " + topic, e);
      }
    }
  }
}
