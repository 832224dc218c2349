package io.tessera.definitions.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.FileFormat;
import io.tessera.definitions.view.KafkaSource;
import io.tessera.definitions.view.PayloadFormat;
import io.tessera.definitions.window.WindowSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {

  @Test
  void readsEveryFieldOfAView() {
    FeatureView view = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);
    assertThat(view.name()).isEqualTo("user_transactions");
    assertThat(view.source()).isEqualTo(new KafkaSource("transactions", PayloadFormat.JSON));
    assertThat(view.batchSource())
        .contains(new FileBatchSource(FileFormat.PARQUET, "s3://lake/tx/*.parquet"));
    assertThat(view.schema().typeOf("card_present")).contains(ValueType.BOOLEAN);
    assertThat(view.features().get(2).function()).isEqualTo(AggregationKind.LAST_DISTINCT_N);
    assertThat(view.features().get(2).intParam(AggregationKind.Parameter.N)).isEqualTo(5);
    assertThat(view.features().get(3).doubleParam(AggregationKind.Parameter.P)).isEqualTo(0.9);
    assertThat(view.features().get(1).windows())
        .containsExactly(WindowSpec.parse("1h"), WindowSpec.lifetime());
    assertThat(view.features().get(0).defaultValue()).contains(0L);
    assertThat(view.expectedFreshnessMs()).isEqualTo(30_000L);
    assertThat(view.tags()).containsEntry("team", "risk");
  }

  @Test
  void writingThenReadingGivesAnEqualView() {
    FeatureView view = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);
    String written = DefinitionJson.write(view);
    assertThat(DefinitionJson.readView(written).orThrow()).isEqualTo(view);
    assertThat(DefinitionJson.write(DefinitionJson.readView(written).orThrow())).isEqualTo(written);
  }

  @Test
  void aBatchSourcesDelayRoundTripsAndItsDefaultIsNotWritten() {
    FeatureView defaulted = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);
    assertThat(defaulted.batchSource().orElseThrow().delayMs()).isEqualTo(86_400_000L);
    assertThat(DefinitionJson.write(defaulted))
        .as("a definition stored before the field keeps its canonical form and content hash")
        .doesNotContain("delay");

    FeatureView delayed =
        ViewFixtures.valid(
            ViewFixtures.TRANSACTIONS.replace(
                "\"path\": \"s3://lake/tx/*.parquet\"",
                "\"path\": \"s3://lake/tx/*.parquet\", \"delay\": \"6h\""));
    assertThat(delayed.batchSource().orElseThrow().delayMs()).isEqualTo(6 * 3_600_000L);
    assertThat(DefinitionJson.readView(DefinitionJson.write(delayed)).orThrow()).isEqualTo(delayed);
    assertThat(
            DefinitionJson.readView(
                    ViewFixtures.TRANSACTIONS.replace(
                        "\"path\": \"s3://lake/tx/*.parquet\"",
                        "\"path\": \"s3://lake/tx/*.parquet\", \"delay\": \"a while\""))
                .problems())
        .extracting(Object::toString)
        .anyMatch(problem -> problem.contains("$.batchSource.delay"));
  }

  @Test
  void writesEveryDefault() {
    String minimal =
        """
        {"name": "clicks", "entity": "user_id",
         "source": {"type": "kinesis", "stream": "clicks", "region": "eu-west-1"},
         "schema": {"user_id": "string", "ts": "string"},
         "eventTime": {"field": "ts", "format": "iso8601"},
         "features": [{"name": "clicks", "function": "count", "windows": ["15m"]}]}
        """;
    String written = DefinitionJson.write(ViewFixtures.valid(minimal));
    assertThat(DefinitionJson.parseTree(written).propertyNames())
        .containsExactly(
            "name",
            "entity",
            "source",
            "schema",
            "eventTime",
            "transformation",
            "features",
            "resolutions",
            "allowedLateness",
            "retention",
            "expectedFreshness",
            "description",
            "owner",
            "tags");
    assertThat(written)
        .contains("\"resolutions\" : [ \"1d\", \"1h\", \"1m\" ]")
        .contains("\"retention\" : \"1455m\"")
        .contains("\"allowedLateness\" : \"5m\"")
        .contains("\"format\" : \"json\"");
  }

  @Test
  void roundTripsAFeatureService() {
    String json =
        "{\"name\": \"fraud\", \"features\": [\"user_transactions@3:spend\", \"clicks:clicks\"],"
            + " \"owner\": \"risk\", \"tags\": {\"tier\": \"1\"}}";
    FeatureService service = DefinitionJson.readService(json).orThrow();
    assertThat(service.features().get(0).version()).hasValue(3);
    assertThat(DefinitionJson.readService(DefinitionJson.write(service)).orThrow())
        .isEqualTo(service);
  }

  @Test
  void orThrowListsEveryProblem() {
    assertThatThrownBy(() -> DefinitionJson.readView("{\"name\": 1}").orThrow())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("$.name: expected a string, found a number")
        .hasMessageContaining("$.entity: 'entity' is required");
  }

  /** Every example in docs/definitions.md is valid and survives a round trip. */
  @Test
  void everyDocumentedExampleIsValidAndRoundTrips() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "definitions.md"));
    Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(docs);
    List<String> views = new ArrayList<>();
    List<String> services = new ArrayList<>();
    while (block.find()) {
      String json = block.group(1);
      (json.contains("\"source\"") ? views : services).add(json);
    }
    assertThat(views).hasSizeGreaterThanOrEqualTo(5);
    assertThat(services).isNotEmpty();
    for (String json : views) {
      assertThat(Definitions.checkView(json).problems()).as(json).isEmpty();
      FeatureView view = ViewFixtures.valid(json);
      assertThat(ViewFixtures.valid(DefinitionJson.write(view))).isEqualTo(view);
    }
    for (String json : services) {
      assertThat(DefinitionJson.readService(json).problems()).as(json).isEmpty();
    }
  }
}
