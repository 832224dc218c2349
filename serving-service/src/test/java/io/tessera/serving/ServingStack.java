package io.tessera.serving;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.version.ContentHash;
import io.tessera.definitions.view.FeatureView;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.RecordCodec;
import io.tessera.registryclient.VersionRecord;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The shared fixture of serving's integration tests: a test class's own registry and
 * backfill-status topics and tables on the real stack, the Spring properties that point the
 * serving-service at them and configure the test API keys ({@link #register}), and what the tests
 * write there: definitions (as the registry publishes them) and backfill completions. Events and
 * watermarks come through {@link StreamFeed}.
 */
final class ServingStack implements AutoCloseable {
  final String registryTopic;
  final String backfillTopic;
  final String tablePrefix;
  private final KafkaProducer<String, String> producer;

  /** A stack on the shared local Cassandra, its topics and tables named from {@code name}. */
  static ServingStack create(String name) throws Exception {
    return new ServingStack(
        UniqueNames.of(name + "defs"), UniqueNames.of(name + "bf"), UniqueNames.of(name) + "_");
  }

  ServingStack(String registryTopic, String backfillTopic, String tablePrefix) throws Exception {
    this.registryTopic = registryTopic;
    this.backfillTopic = backfillTopic;
    this.tablePrefix = tablePrefix;
    try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
      Map<String, String> compacted = Map.of("cleanup.policy", "compact");
      admin
          .createTopics(
              List.of(
                  new NewTopic(registryTopic, 1, (short) 1).configs(compacted),
                  new NewTopic(backfillTopic, 1, (short) 1).configs(compacted)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> props = LocalStack.get().kafkaProperties();
    props.put("acks", "all");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /**
   * Points the serving-service under test at this stack's names (call from a {@code
   * DynamicPropertySource}; {@link StreamFeed#register} adds its topic).
   */
  void register(DynamicPropertyRegistry registry) {
    registry.add("spring.cassandra.keyspace-name", () -> LocalStack.TEST_KEYSPACE);
    registry.add("tessera.serving.registry-topic", () -> registryTopic);
    registry.add("tessera.serving.backfill-status-topic", () -> backfillTopic);
    registry.add("tessera.serving.table-prefix", () -> tablePrefix);
    registry.add("tessera.serving.grpc-port", () -> 0);
    registry.add("tessera.security.api-keys", () -> TestApiKeys.CONFIGURED);
  }

  /**
   * Lets training jobs read spines and batch-source files and write outputs under {@code dir} (the
   * tests' temporary files), where the service confines them.
   */
  static void allowTrainingFiles(DynamicPropertyRegistry registry, String dir) {
    for (String kind : List.of("spine-dirs", "output-dirs", "batch-source-dirs")) {
      registry.add("tessera.serving.training." + kind, () -> dir);
    }
  }

  FeatureView publishView(String json, int version, String changeKind, boolean backfillDue)
      throws Exception {
    FeatureView view = DefinitionJson.readView(json).orThrow();
    publish(
        new VersionRecord(
            DefinitionKind.VIEW,
            view.name(),
            version,
            ContentHash.of(view),
            changeKind,
            backfillDue,
            "test",
            Instant.now(),
            DefinitionJson.toTree(view)));
    return view;
  }

  void publishService(String json, int version) throws Exception {
    FeatureService service = DefinitionJson.readService(json).orThrow();
    publish(
        new VersionRecord(
            DefinitionKind.SERVICE,
            service.name(),
            version,
            ContentHash.of(service),
            version == 1 ? "CREATED" : "SEMANTIC",
            false,
            "test",
            Instant.now(),
            DefinitionJson.toTree(service)));
  }

  private void publish(VersionRecord record) throws Exception {
    producer
        .send(
            new ProducerRecord<>(registryTopic, RecordCodec.key(record), RecordCodec.value(record)))
        .get(30, TimeUnit.SECONDS);
  }

  void publishBackfillCompleted(String view, int version) throws Exception {
    Instant now = Instant.now();
    BackfillStatus status =
        new BackfillStatus(
            "test-" + view + "-" + version,
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
    producer
        .send(
            new ProducerRecord<>(
                backfillTopic,
                status.key(),
                new String(BackfillCodec.encode(status), StandardCharsets.UTF_8)))
        .get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    producer.close();
  }
}
