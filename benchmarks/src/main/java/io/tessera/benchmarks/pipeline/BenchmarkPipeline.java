package io.tessera.benchmarks.pipeline;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import io.tessera.e2e.load.KafkaSink;
import io.tessera.e2e.load.RandomEvents;
import io.tessera.e2e.pipeline.Pipeline;
import io.tessera.e2e.pipeline.PipelineNames;
import io.tessera.e2e.process.ServiceSpec;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.StorageSchema;
import io.tessera.storage.ViewRetention;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The pipeline a benchmark measures: registry, ingest and aggregation as processes (ingest and
 * aggregation with the JIT's full tiers and a larger heap than the tests give them), one view on a
 * fresh Kafka topic, and the store to read it through the engine's read plan.
 */
final class BenchmarkPipeline implements AutoCloseable {

  /** The services' production JVM flags (local-stack/jvm/service.options) and heap. */
  static final List<String> SERVICE_JVM = ServiceSpec.productionJvm("1g");

  static final int SOURCE_PARTITIONS = 4;

  final PipelineNames names = PipelineNames.unique();
  final String view = UniqueNames.of("bench");
  final String sourceTopic = UniqueNames.of("bench_source");
  final Pipeline pipeline;
  final ViewSpec spec;
  final CassandraTileStore store;

  BenchmarkPipeline() throws ExecutionException, InterruptedException {
    LocalStack stack = LocalStack.get();
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      admin
          .createTopics(List.of(new NewTopic(sourceTopic, SOURCE_PARTITIONS, (short) 1)))
          .all()
          .get();
    }
    pipeline = Pipeline.start(names, ServiceSpec.TEST_JVM, SERVICE_JVM, Optional.empty());
    String json = viewJson();
    pipeline.registryApi().putView(view, json);
    spec = ViewSpecs.of(valid(json), view);
    store =
        new CassandraTileStore(
            stack.cqlSession(), StorageSchema.unprefixed(), ViewRetention.FOREVER);
  }

  /** A typical view: counts and sums over minute-to-day windows, a mean, a max, a sketch. */
  private String viewJson() {
    return """
        {"name": "%s", "entity": "user_id",
         "source": {"type": "kafka", "topic": "%s"},
         "schema": {"user_id": "string", "txn_id": "string", "amount": "long", "price": "double",
                    "category": "string", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "eventId": "txn_id",
         "features": [
           {"name": "events", "function": "count", "windows": ["1m", "1h", "1d", "lifetime"]},
           {"name": "amount_sum", "function": "sum", "input": "amount", "windows": ["1h", "1d"]},
           {"name": "price_mean", "function": "mean", "input": "price", "windows": ["1h"]},
           {"name": "price_max", "function": "max", "input": "price", "windows": ["1d"]},
           {"name": "categories", "function": "approx_count_distinct", "input": "category",
            "windows": ["1d"]},
           {"name": "last_category", "function": "last", "input": "category", "windows": ["1h"]}
         ],
         "allowedLateness": "2m",
         "owner": "benchmarks"}
        """
        .formatted(view, sourceTopic);
  }

  /** The background stream's generator: many entities, a few late events and duplicates. */
  RandomEvents background(int entities, long seed) {
    return new RandomEvents(
        view, "b", entities, new RandomEvents.Mix(0.05, 0.01, 0), e -> OptionalLong.empty(), seed);
  }

  KafkaSink sink() {
    return new KafkaSink(LocalStack.get().kafkaProperties(), sourceTopic);
  }

  private static FeatureView valid(String json) {
    ValidationResult<FeatureView> result = Definitions.checkView(json);
    if (result instanceof ValidationResult.Valid<FeatureView> valid) {
      return valid.value();
    }
    throw new IllegalArgumentException("invalid benchmark view: " + result.problems());
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
