package io.tessera.definitions.version;

import static io.tessera.definitions.ViewFixtures.feature;
import static io.tessera.definitions.ViewFixtures.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.view.FeatureView;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class ChangeClassifierTest {

  private static final FeatureView BEFORE = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);

  private static Change changeAfter(Consumer<ObjectNode> edit) {
    ObjectNode json = transactions();
    edit.accept(json);
    return ChangeClassifier.classify(BEFORE, ViewFixtures.valid(json.toString()));
  }

  @Test
  void sameContentIsNoChange() {
    Change change = changeAfter(json -> json.put("retention", "192h"));
    assertThat(change.kind()).isEqualTo(ChangeKind.NONE);
    assertThat(change.paths()).isEmpty();
  }

  @Test
  void metadataChangesReuseTiles() {
    Change change =
        changeAfter(
            json -> {
              json.put("description", "Spend").put("owner", "ml@example.com");
              ((ObjectNode) json.get("tags")).put("tier", "gold");
              json.put("expectedFreshness", "2m").put("retention", "30d");
              feature(json, 0).put("default", -1);
            });
    assertThat(change.kind()).isEqualTo(ChangeKind.METADATA_ONLY);
    assertThat(change.needsBackfill()).isFalse();
    assertThat(change.paths())
        .extracting(ChangedPath::path)
        .containsExactlyInAnyOrder(
            "$.description",
            "$.owner",
            "$.tags.tier",
            "$.expectedFreshness",
            "$.retention",
            "$.features[?(@.name=='spend')].default");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "source topic | $.source.topic",
        "batch path | $.batchSource.path",
        "schema type | $.schema.quantity",
        "event time format | $.eventTime.field",
        "event id | $.eventId",
        "entity | $.entity",
        "filter | $.transformation.filter",
        "derived | $.transformation.derived.amount_cents",
        "function | $.features[?(@.name=='spend')].function",
        "windows | $.features[?(@.name=='spend')].windows",
        "params | $.features[?(@.name=='recent_merchants')].params.n",
        "input | $.features[?(@.name=='p90_amount')].input",
        "new feature | $.features[?(@.name=='max_amount')]",
        "resolutions | $.resolutions",
        "lateness | $.allowedLateness",
      })
  void semanticChangesNeedNewTiles(String change, String expectedPath) {
    Change classified = changeAfter(json -> edit(change, json));
    assertThat(classified.kind()).isEqualTo(ChangeKind.SEMANTIC);
    assertThat(classified.needsBackfill()).isTrue();
    assertThat(classified.paths()).contains(new ChangedPath(expectedPath, ChangeKind.SEMANTIC));
  }

  @Test
  void theMostConsequentialChangeDecides() {
    Change change =
        changeAfter(
            json -> {
              json.put("description", "Spend");
              ((ArrayNode) feature(json, 0).get("windows")).add("1d");
            });
    assertThat(change.kind()).isEqualTo(ChangeKind.SEMANTIC);
    assertThat(change.paths())
        .containsExactlyInAnyOrder(
            new ChangedPath("$.features[?(@.name=='spend')].windows", ChangeKind.SEMANTIC),
            new ChangedPath("$.description", ChangeKind.METADATA_ONLY));
  }

  @Test
  void aRemovedFeatureIsSemantic() {
    Change change = changeAfter(json -> ((ArrayNode) json.get("features")).remove(3));
    assertThat(change.paths())
        .containsExactly(
            new ChangedPath("$.features[?(@.name=='p90_amount')]", ChangeKind.SEMANTIC));
  }

  private static void edit(String change, ObjectNode json) {
    switch (change) {
      case "source topic" -> ((ObjectNode) json.get("source")).put("topic", "payments");
      case "batch path" -> ((ObjectNode) json.get("batchSource")).put("path", "s3://other/*");
      case "schema type" -> ((ObjectNode) json.get("schema")).put("quantity", "double");
      case "event time format" -> {
        ((ObjectNode) json.get("schema")).put("created", "string");
        json.putObject("eventTime").put("field", "created").put("format", "iso8601");
      }
      case "event id" -> {
        ((ObjectNode) json.get("schema")).put("other_id", "string");
        json.put("eventId", "other_id");
      }
      case "entity" -> json.putArray("entity").add("user_id").add("merchant");
      case "filter" -> ((ObjectNode) json.get("transformation")).put("filter", "amount > 1.0");
      case "derived" ->
          ((ObjectNode) json.get("transformation").get("derived"))
              .put("amount_cents", "int(amount * 1000.0)");
      case "function" -> feature(json, 0).put("function", "mean");
      case "windows" -> ((ArrayNode) feature(json, 0).get("windows")).set(0, "2h");
      case "params" -> ((ObjectNode) feature(json, 2).get("params")).put("n", 10);
      case "input" -> feature(json, 3).put("input", "quantity");
      case "new feature" ->
          ((ArrayNode) json.get("features"))
              .addObject()
              .put("name", "max_amount")
              .put("function", "max")
              .put("input", "amount")
              .putArray("windows")
              .add("1d");
      case "resolutions" -> json.putArray("resolutions").add("1d").add("1h").add("5m").add("1m");
      case "lateness" -> json.put("allowedLateness", "1h");
      default -> throw new IllegalArgumentException(change);
    }
  }
}
