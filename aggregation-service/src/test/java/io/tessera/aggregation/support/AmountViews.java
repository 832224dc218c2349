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
}
