package io.tessera.registry;

/** Definition bodies for the tests. */
final class Bodies {

  private Bodies() {}

  /** A valid view with features {@code spend} (sum) and {@code txn_count} (count). */
  static String view(String name, String owner, String team) {
    return view(name, owner, team, "1h", "txn_count", "");
  }

  /**
   * @param window the window of {@code spend}
   * @param countFeature the name of the count feature
   * @param description free text
   */
  static String view(
      String name,
      String owner,
      String team,
      String window,
      String countFeature,
      String description) {
    return """
        {"name": "%s", "entity": "user_id",
         "source": {"type": "kafka", "topic": "transactions"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [
           {"name": "spend", "function": "sum", "input": "amount", "windows": ["%s"]},
           {"name": "%s", "function": "count", "windows": ["1h"]}],
         "description": "%s", "owner": "%s", "tags": {"team": "%s"}}
        """
        .formatted(name, window, countFeature, description, owner, team);
  }

  /** {@link #view(String, String, String)} with a Parquet batch source: due a backfill. */
  static String viewWithBatchSource(String name) {
    return view(name, "risk", "a")
        .replace(
            "\"source\": {\"type\": \"kafka\", \"topic\": \"transactions\"},",
            "\"source\": {\"type\": \"kafka\", \"topic\": \"transactions\"},"
                + " \"batchSource\": {\"type\": \"files\", \"format\": \"parquet\","
                + " \"path\": \"/data/transactions/*.parquet\"},")
        // a batch source's rows need a real event id, so that a row read twice counts once
        .replace("\"schema\": {", "\"eventId\": \"txn_id\", \"schema\": {\"txn_id\": \"string\", ");
  }

  static String service(String name, String... features) {
    StringBuilder list = new StringBuilder();
    for (String feature : features) {
      list.append(list.isEmpty() ? "" : ", ").append('"').append(feature).append('"');
    }
    return "{\"name\": \"" + name + "\", \"features\": [" + list + "], \"owner\": \"ml\"}";
  }
}
