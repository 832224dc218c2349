package io.tessera.testsupport;

/**
 * The benchmark view: six aggregations of {@code amount} (count, sum, mean, max, last and
 * approx_percentile(0.9)) over 1h, 1d and 7d, 18 values per entity. One definition for the stack
 * benchmarks and for the harnesses that measure a part of the same work in one JVM, so their
 * numbers describe the same view.
 */
public final class BenchmarkView {
  private static final String JSON =
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

  private BenchmarkView() {}

  /** The view's definition as the registry takes it, named {@code name}, on {@code topic}. */
  public static String json(String name, String topic) {
    return JSON.formatted(name, topic);
  }
}
