package io.tessera.definitions.transform;

import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.view.FeatureView;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Views with a given transformation, and realistic payloads. */
final class TransformFixtures {

  private TransformFixtures() {}

  /** The transactions view with {@code filter} (may be null) and {@code derived} columns. */
  static FeatureView view(String filter, Map<String, String> derived) {
    ObjectNode view = ViewFixtures.transactions();
    ObjectNode transformation = view.putObject("transformation");
    if (filter != null) {
      transformation.put("filter", filter);
    }
    ObjectNode columns = transformation.putObject("derived");
    derived.forEach(columns::put);
    ((ObjectNode) view.get("schema")).put("created", "timestamp");
    return ViewFixtures.valid(view.toString());
  }

  static CompiledTransformation compile(String filter, Map<String, String> derived) {
    return TransformationCompiler.compile(view(filter, derived)).orThrow();
  }

  /** A card payment as the producer writes it: numbers, strings, a boolean, epoch-ms time. */
  static Map<String, Object> payment() {
    Map<String, Object> payload = new HashMap<>();
    payload.put("user_id", "u-1001");
    payload.put("txn_id", "t-9f2c");
    payload.put("amount", 12.5);
    payload.put("quantity", 2);
    payload.put("currency", "EUR");
    payload.put("merchant", "Bakery Nord");
    payload.put("card_present", true);
    payload.put("ts", 1_773_153_445_120L);
    payload.put("created", "2026-03-10T14:37:25.120Z");
    payload.put("ignored_extra_field", Map.of("nested", 1));
    return payload;
  }
}
