package io.tessera.aggregation.support;

/**
 * The view definitions the aggregation tests register: amounts per user, with the features and
 * resolutions each test asks for, one minute of allowed lateness.
 */
public final class AmountViews {
  private AmountViews() {}

  /**
   * @param features the JSON feature objects, comma-separated
   * @param resolutions the tile resolutions, coarsest first ({@code "1h"})
   */
  public static String json(String name, String features, String... resolutions) {
    return """
        {"name": "%s", "entity": ["user_id"],
         "source": {"type": "kafka", "topic": "unused_source"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [%s],
         "resolutions": [%s],
         "allowedLateness": "1m"}
        """
        .formatted(
            name,
            features,
            String.join(
                ", ", java.util.Arrays.stream(resolutions).map(r -> '"' + r + '"').toList()));
  }

  /**
   * {@code json} (of {@link #json}) with an {@code id} column as its event id, which a batch source
   * needs: the batch's and the stream's copies of an event meet by it.
   */
  public static String withEventId(String json) {
    return json.replace("\"user_id\": \"string\",", "\"id\": \"string\", \"user_id\": \"string\",")
        .replace(
            "\"allowedLateness\": \"1m\"}", "\"allowedLateness\": \"1m\", \"eventId\": \"id\"}");
  }

  /**
   * {@code json} (of {@link #withEventId}) with a Parquet batch source at {@code file}, complete up
   * to now (no delay): its lineage's stream starts at the coarsest tile of its registration.
   */
  public static String withParquetSource(String json, java.nio.file.Path file) {
    return json.replace(
        "\"eventId\": \"id\"}",
        "\"eventId\": \"id\", \"batchSource\": {\"type\": \"files\", \"format\":"
            + " \"parquet\", \"delay\": \"0s\", \"path\": \""
            + file
            + "\"}}");
  }
}
