package io.tessera.definitions.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ContentHashTest {

  private static String hashOf(String json) {
    return ContentHash.of(ViewFixtures.valid(json));
  }

  /** A copy of {@code node} with every object's members in reverse order. */
  private static JsonNode reversed(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      Collections.reverse(members);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      members.forEach(member -> copy.set(member.getKey(), reversed(member.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(reversed(element)));
      return copy;
    }
    return node;
  }

  @Test
  void isStableAcrossFieldOrderAndWhitespace() {
    String original = ViewFixtures.TRANSACTIONS;
    String compact = ViewFixtures.transactions().toString();
    String reordered = reversed(ViewFixtures.transactions()).toPrettyString();
    assertThat(compact).doesNotContain("\n");
    assertThat(hashOf(compact)).isEqualTo(hashOf(original)).isEqualTo(hashOf(reordered));
  }

  @Test
  void isTakenAfterDefaultsAreFilledIn() {
    ObjectNode explicit = ViewFixtures.transactions();
    explicit.putArray("resolutions").add("1d").add("1h").add("1m");
    explicit.put("allowedLateness", "5m");
    ObjectNode implicit = ViewFixtures.transactions();
    implicit.remove("resolutions");
    implicit.remove("allowedLateness");
    ((ObjectNode) implicit.get("source")).remove("format");
    assertThat(hashOf(implicit.toString())).isEqualTo(hashOf(explicit.toString()));
  }

  @Test
  void ignoresHowDurationsAreSpelledAndTheOrderOfFeaturesAndWindows() {
    ObjectNode spelled = ViewFixtures.transactions().put("retention", "192h");
    ((ArrayNode) ViewFixtures.feature(spelled, 0).get("windows"))
        .removeAll()
        .add("168h")
        .add("60m");
    ArrayNode features = (ArrayNode) spelled.get("features");
    JsonNode first = features.remove(0);
    features.add(first);
    assertThat(hashOf(spelled.toString())).isEqualTo(hashOf(ViewFixtures.TRANSACTIONS));
  }

  @Test
  void changesWithContent() {
    ObjectNode changed = ViewFixtures.transactions().put("description", "Card spend per user.");
    assertThat(hashOf(changed.toString())).isNotEqualTo(hashOf(ViewFixtures.TRANSACTIONS));
  }

  @Test
  void isSha256HexOfTheCanonicalJson() {
    FeatureView view = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);
    String canonical = ContentHash.canonicalJson(view);
    assertThat(canonical).startsWith("{\"allowedLateness\":\"5m\",\"batchSource\":{");
    assertThat(ContentHash.of(view)).isEqualTo(ContentHash.sha256(canonical)).hasSize(64);
    // Written down once: a change to the canonical form must be a decision, not an accident.
    assertThat(ContentHash.sha256("{\"a\":1}"))
        .isEqualTo("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
  }

  @Test
  void hashesAFixedDefinitionToAFixedValue() {
    assertThat(ContentHash.canonicalJson(ViewFixtures.valid(ViewFixtures.TRANSACTIONS)))
        .isEqualTo(FIXED_CANONICAL);
  }

  @Test
  void reReadingTheWrittenFormGivesTheSameHash() {
    FeatureView view = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);
    FeatureView again = ViewFixtures.valid(DefinitionJson.write(view));
    assertThat(ContentHash.of(again)).isEqualTo(ContentHash.of(view));
  }

  private static final String FIXED_CANONICAL =
      "{\"allowedLateness\":\"5m\",\"batchSource\":{\"format\":\"parquet\",\"path\":"
          + "\"s3://lake/tx/*.parquet\",\"type\":\"files\"},\"description\":\"Card spend per user\","
          + "\"entity\":[\"user_id\"],\"eventId\":\"txn_id\",\"eventTime\":{\"field\":\"ts\","
          + "\"format\":\"epoch_millis\"},\"expectedFreshness\":\"30s\",\"features\":["
          + "{\"function\":\"approx_percentile\",\"input\":\"amount\",\"name\":\"p90_amount\","
          + "\"params\":{\"p\":0.9},\"windows\":[\"7d\"]},"
          + "{\"function\":\"last_distinct_n\",\"input\":\"merchant\",\"name\":\"recent_merchants\","
          + "\"params\":{\"n\":5},\"windows\":[\"1d\"]},"
          + "{\"default\":0,\"function\":\"sum\",\"input\":\"amount\",\"name\":\"spend\","
          + "\"windows\":[\"1h\",\"7d\"]},"
          + "{\"function\":\"count\",\"name\":\"txn_count\",\"windows\":[\"1h\",\"lifetime\"]}],"
          + "\"name\":\"user_transactions\",\"owner\":\"risk-team@example.com\","
          + "\"resolutions\":[\"1d\",\"1h\",\"1m\"],\"retention\":\"8d\",\"schema\":{"
          + "\"amount\":\"double\",\"card_present\":\"boolean\",\"currency\":\"string\","
          + "\"merchant\":\"string\",\"quantity\":\"long\",\"ts\":\"long\",\"txn_id\":\"string\","
          + "\"user_id\":\"string\"},\"source\":{\"format\":\"json\",\"topic\":\"transactions\","
          + "\"type\":\"kafka\"},\"tags\":{\"team\":\"risk\"},\"transformation\":{\"derived\":{"
          + "\"amount_cents\":\"int(amount * 100.0)\",\"is_big\":\"amount >= 1000.0\"},"
          + "\"filter\":\"currency == 'EUR' && amount > 0.0\"}}";
}
