package io.tessera.definitions;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import tools.jackson.databind.node.ObjectNode;

/** A realistic, valid view definition that tests change one field at a time. */
public final class ViewFixtures {

  public static final String TRANSACTIONS =
      """
      {
        "name": "user_transactions",
        "entity": ["user_id"],
        "source": {"type": "kafka", "topic": "transactions", "format": "json"},
        "batchSource": {"type": "files", "format": "parquet", "path": "s3://lake/tx/*.parquet"},
        "schema": {
          "user_id": "string",
          "txn_id": "string",
          "amount": "double",
          "quantity": "long",
          "currency": "string",
          "merchant": "string",
          "card_present": "boolean",
          "ts": "long"
        },
        "eventTime": {"field": "ts", "format": "epoch_millis"},
        "eventId": "txn_id",
        "transformation": {
          "filter": "currency == 'EUR' && amount > 0.0",
          "derived": {"amount_cents": "int(amount * 100.0)", "is_big": "amount >= 1000.0"}
        },
        "features": [
          {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "7d"],
           "default": 0},
          {"name": "txn_count", "function": "count", "windows": ["1h", "lifetime"]},
          {"name": "recent_merchants", "function": "last_distinct_n", "params": {"n": 5},
           "input": "merchant", "windows": ["1d"]},
          {"name": "p90_amount", "function": "approx_percentile", "params": {"p": 0.9},
           "input": "amount", "windows": ["7d"]}
        ],
        "resolutions": ["1d", "1h", "1m"],
        "allowedLateness": "5m",
        "retention": "8d",
        "expectedFreshness": "30s",
        "description": "Card spend per user",
        "owner": "risk-team@example.com",
        "tags": {"team": "risk"}
      }
      """;

  private ViewFixtures() {}

  public static ObjectNode transactions() {
    return (ObjectNode) DefinitionJson.parseTree(TRANSACTIONS);
  }

  public static ObjectNode feature(ObjectNode view, int index) {
    return (ObjectNode) view.get("features").get(index);
  }

  public static FeatureView valid(String json) {
    ValidationResult<FeatureView> result = Definitions.checkView(json);
    if (!(result instanceof ValidationResult.Valid<FeatureView> valid)) {
      throw new AssertionError("expected a valid view, got " + result.problems());
    }
    return valid.value();
  }
}
