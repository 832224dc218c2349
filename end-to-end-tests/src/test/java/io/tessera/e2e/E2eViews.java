package io.tessera.e2e;

/**
 * The two views the end-to-end tests register: one on a Kafka topic and one on a Kinesis stream,
 * with the same payload layout ({@link io.tessera.harness.load.SourceEvent}) and between them most
 * functions and window kinds: sub-minute, unaligned (90 s), minute, hour, day and lifetime.
 */
final class E2eViews {

  /** Allowed lateness of both views: late events up to 20 s old are far inside it. */
  static final String ALLOWED_LATENESS = "2m";

  private static final String SCHEMA =
      """
      "schema": {"user_id": "string", "txn_id": "string", "amount": "long", "price": "double",
                 "category": "string", "ts": "long"},
      "eventTime": {"field": "ts", "format": "epoch_millis"},
      "eventId": "txn_id",
      """;

  private E2eViews() {}

  static String onKafka(String view, String topic) {
    return """
        {"name": "%s", "entity": "user_id",
         "source": {"type": "kafka", "topic": "%s"},
         %s
         "features": [
           {"name": "events", "function": "count", "windows": ["1m", "5m", "1h", "1d", "lifetime"]},
           {"name": "priced", "function": "count", "input": "price", "windows": ["1m", "1h"]},
           {"name": "amount_sum", "function": "sum", "input": "amount",
            "windows": ["1m", "90s", "1h", "1d", "lifetime"]},
           {"name": "price_sum", "function": "sum", "input": "price", "windows": ["5m", "1h"]},
           {"name": "price_mean", "function": "mean", "input": "price", "windows": ["1m", "1h"]},
           {"name": "amount_min", "function": "min", "input": "amount", "windows": ["1m", "1d"]},
           {"name": "price_max", "function": "max", "input": "price", "windows": ["5m", "lifetime"]},
           {"name": "last_category", "function": "last", "input": "category", "windows": ["1m", "1h"]},
           {"name": "categories", "function": "approx_count_distinct", "input": "category",
            "windows": ["1h", "lifetime"]},
           {"name": "recent_amounts", "function": "last_n", "params": {"n": 5}, "input": "amount",
            "windows": ["1m", "1h"]}
         ],
         "allowedLateness": "%s",
         "owner": "end-to-end-tests"}
        """
        .formatted(view, topic, SCHEMA, ALLOWED_LATENESS);
  }

  static String onKinesis(String view, String stream, String endpoint) {
    return """
        {"name": "%s", "entity": "user_id",
         "source": {"type": "kinesis", "stream": "%s", "region": "us-east-1", "endpoint": "%s"},
         %s
         "features": [
           {"name": "events", "function": "count", "windows": ["30s", "1h", "lifetime"]},
           {"name": "first_category", "function": "first", "input": "category", "windows": ["1h"]},
           {"name": "recent_categories", "function": "last_distinct_n", "params": {"n": 3},
            "input": "category", "windows": ["5m"]},
           {"name": "distinct_amounts", "function": "count_distinct", "params": {"cap": 20},
            "input": "amount", "windows": ["1m", "1h"]},
           {"name": "price_var", "function": "var_samp", "input": "price", "windows": ["1h"]},
           {"name": "amount_stddev", "function": "stddev_pop", "input": "amount", "windows": ["5m"]},
           {"name": "price_p90", "function": "approx_percentile", "params": {"p": 0.9},
            "input": "price", "windows": ["1h"]},
           {"name": "amount_max", "function": "max", "input": "amount", "windows": ["1m", "1d"]}
         ],
         "allowedLateness": "%s",
         "owner": "end-to-end-tests"}
        """
        .formatted(view, stream, endpoint, SCHEMA, ALLOWED_LATENESS);
  }
}
