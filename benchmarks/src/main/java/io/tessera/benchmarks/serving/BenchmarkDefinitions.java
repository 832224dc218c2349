package io.tessera.benchmarks.serving;

import io.tessera.harness.pipeline.RegistryApi;
import java.util.List;

/**
 * The benchmark view (six aggregations of {@code amount} over 1h, 1d and 7d: 18 values per
 * entity) on the run's source topic, and a feature service over all of it, registered through the
 * registry's API as an operator would.
 */
public final class BenchmarkDefinitions {
  public static final String VIEW = "bench_txn";
  public static final String SERVICE = "bench_scoring";
  public static final int VALUES_PER_ENTITY = 18;

  /** The features the exactness check compares with its oracle (p90 is a sketch: left out). */
  public static final List<String> EXACT_FEATURES = List.of("n", "spend", "avg", "top", "latest");

  public static final List<String> WINDOWS = List.of("1h", "1d", "7d");

  private static final String VIEW_JSON =
      """
      {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "%s"},
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
      """;

  private static final String SERVICE_JSON =
      """
      {"name": "%s", "features": ["%s:n", "%s:spend", "%s:avg", "%s:top", "%s:latest", "%s:p90"]}
      """
          .formatted(SERVICE, VIEW, VIEW, VIEW, VIEW, VIEW, VIEW);

  private BenchmarkDefinitions() {}

  /** Registers the view on {@code sourceTopic}, then the feature service over it. */
  public static void register(RegistryApi registry, String sourceTopic) {
    registry.putView(VIEW, VIEW_JSON.formatted(VIEW, sourceTopic));
    registry.putService(SERVICE, SERVICE_JSON);
  }
}
