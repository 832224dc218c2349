package io.tessera.benchmarks.serving;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.version.ContentHash;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.RecordCodec;
import io.tessera.registryclient.VersionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark view (six aggregations of {@code amount} over 1h, 1d and 7d: 18 values per
 * entity) and a feature service over all of it, published to the benchmark's own definitions topic
 * in the registry's record format, as the registry-service would.
 */
final class BenchmarkDefinitions {
  static final String VIEW = "bench_txn";
  static final String SERVICE = "bench_scoring";
  static final int VALUES_PER_ENTITY = 18;

  private static final String VIEW_JSON =
      """
      {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "bench_tx"},
       "schema": {"user_id": "string", "amount": "double", "ts": "long"},
       "eventTime": {"field": "ts", "format": "epoch_millis"},
       "features": [
         {"name": "n", "function": "count", "windows": ["1h", "1d", "7d"]},
         {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d", "7d"]},
         {"name": "avg", "function": "mean", "input": "amount", "windows": ["1h", "1d", "7d"]},
         {"name": "top", "function": "max", "input": "amount", "windows": ["1h", "1d", "7d"]},
         {"name": "latest", "function": "last", "input": "amount", "windows": ["1h", "1d", "7d"]},
         {"name": "p90", "function": "approx_percentile", "input": "amount", "params": {"p": 0.9},
          "windows": ["1h", "1d", "7d"]}],
       "expectedFreshness": "10m", "description": "the serving benchmark's view"}
      """
          .formatted(VIEW);

  private static final String SERVICE_JSON =
      """
      {"name": "%s", "features": ["%s:n", "%s:spend", "%s:avg", "%s:top", "%s:latest", "%s:p90"]}
      """
          .formatted(SERVICE, VIEW, VIEW, VIEW, VIEW, VIEW, VIEW);

  private BenchmarkDefinitions() {}

  static FeatureView view() {
    return DefinitionJson.readView(VIEW_JSON).orThrow();
  }

  /**
   * Creates the (compacted) definitions and backfill-status topics and publishes version 1 of the
   * view and the service.
   */
  static void publish(Map<String, Object> kafka, String registryTopic, String backfillTopic)
      throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      Map<String, String> compacted = Map.of("cleanup.policy", "compact");
      admin
          .createTopics(
              List.of(
                  new NewTopic(registryTopic, 1, (short) 1).configs(compacted),
                  new NewTopic(backfillTopic, 1, (short) 1).configs(compacted)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    FeatureView view = view();
    FeatureService service = DefinitionJson.readService(SERVICE_JSON).orThrow();
    Map<String, Object> props = new java.util.HashMap<>(kafka);
    props.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (VersionRecord record :
          List.of(
              new VersionRecord(
                  DefinitionKind.VIEW,
                  view.name(),
                  1,
                  ContentHash.of(view),
                  VersionRecord.CREATED,
                  false,
                  "serving-benchmark",
                  Instant.now(),
                  DefinitionJson.toTree(view)),
              new VersionRecord(
                  DefinitionKind.SERVICE,
                  service.name(),
                  1,
                  ContentHash.of(service),
                  VersionRecord.CREATED,
                  false,
                  "serving-benchmark",
                  Instant.now(),
                  DefinitionJson.toTree(service)))) {
        producer
            .send(
                new ProducerRecord<>(
                    registryTopic, RecordCodec.key(record), RecordCodec.value(record)))
            .get(60, TimeUnit.SECONDS);
      }
    }
  }

  /** Deletes the benchmark's topics; best effort. */
  static void deleteTopics(Map<String, Object> kafka, String... topics) {
    try (Admin admin = Admin.create(kafka)) {
      admin.deleteTopics(List.of(topics)).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not delete the benchmark topics: " + e);
    }
  }
}
