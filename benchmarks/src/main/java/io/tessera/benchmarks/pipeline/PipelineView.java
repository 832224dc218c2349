package io.tessera.benchmarks.pipeline;

import io.tessera.benchmarks.load.Zipf;
import io.tessera.benchmarks.stack.BenchmarkStack;
import io.tessera.harness.load.KafkaSink;
import io.tessera.harness.load.RandomEvents;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.util.OptionalLong;

/**
 * The view the pipeline benchmarks stream into: a fresh Kafka source topic, registered through the
 * registry's API as an operator would, and the background generator over {@link #ENTITIES} entities
 * drawn Zipf-wise (exponent {@link #ZIPF_EXPONENT}: the hottest entity gets about 8% of the events,
 * most entities a handful a run).
 */
final class PipelineView {
  static final int ENTITIES = 100_000;
  static final double ZIPF_EXPONENT = 1.0;
  static final int SOURCE_PARTITIONS = 4;

  /** The served feature a freshness probe reads: every event of its entity, ever. */
  static final String COUNT_FEATURE = "events";

  static final String COUNT_WINDOW = "lifetime";

  final String view = UniqueNames.of("bench");
  final String sourceTopic = UniqueNames.of("bench_source");
  private final Zipf zipf = new Zipf(ENTITIES, ZIPF_EXPONENT);

  PipelineView(BenchmarkStack stack) throws Exception {
    BenchmarkStack.createSourceTopic(sourceTopic, SOURCE_PARTITIONS);
    stack.pipeline().registryApi().putView(view, json());
  }

  /** A typical view: counts and sums over minute-to-day windows, a mean, a max, a sketch. */
  private String json() {
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

  /** The background stream: Zipf-drawn entities, 5% late (within lateness), 1% duplicates. */
  RandomEvents background(long seed) {
    return new RandomEvents(
        view,
        "b",
        new RandomEvents.Mix(0.05, 0.01, 0),
        e -> OptionalLong.empty(),
        seed,
        random -> zipf.sample(random) - 1);
  }

  KafkaSink sink() {
    return new KafkaSink(LocalStack.get().kafkaProperties(), sourceTopic);
  }

  static String describe() {
    return String.format(
        "%,d entities drawn Zipf-wise (exponent %.1f), 5%% of events late within the view's 2 min"
            + " lateness, 1%% duplicates",
        ENTITIES, ZIPF_EXPONENT);
  }
}
