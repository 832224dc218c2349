package io.tessera.registry.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.validation.RegisteredViews;
import io.tessera.definitions.validation.ValidationResult;
import io.tessera.definitions.view.FeatureView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The console's examples must be definitions the registry accepts, one per source kind. */
class DefinitionExamplesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyViewExampleIsValid() {
    for (String name : DefinitionExamples.VIEW_EXAMPLES.keySet()) {
      ValidationResult<FeatureView> result = Definitions.checkView(text(name));
      assertThat(result.problems()).as(name).isEmpty();
    }
  }

  @Test
  void theViewExamplesCoverEveryStreamAndBatchSourceKind() {
    StringBuilder sources = new StringBuilder();
    for (String name : DefinitionExamples.VIEW_EXAMPLES.keySet()) {
      var view = JSON.readTree(text(name));
      sources
          .append(view.at("/source/type").asString())
          .append('/')
          .append(view.at("/batchSource/type").asString())
          .append('/')
          .append(view.at("/batchSource/format").asString(""))
          .append(' ');
    }
    assertThat(sources.toString())
        .contains("kafka/", "kinesis/", "files/parquet", "files/csv", "files/jsonl", "jdbc/");
  }

  @Test
  void theServiceExampleIsValidAgainstTheViewExamples() {
    Map<String, FeatureView> views = new HashMap<>();
    for (String name : DefinitionExamples.VIEW_EXAMPLES.keySet()) {
      FeatureView view =
          ((ValidationResult.Valid<FeatureView>) Definitions.checkView(text(name))).value();
      views.put(view.name(), view);
    }
    RegisteredViews registered =
        new RegisteredViews() {
          @Override
          public OptionalInt latestVersion(String view) {
            return views.containsKey(view) ? OptionalInt.of(3) : OptionalInt.empty();
          }

          @Override
          public Optional<FeatureView> version(String view, int version) {
            return Optional.ofNullable(views.get(view));
          }
        };

    for (String name : DefinitionExamples.SERVICE_EXAMPLES.keySet()) {
      assertThat(Definitions.checkService(text(name), registered).problems()).as(name).isEmpty();
    }
  }

  private static String text(String example) {
    return JSON.writeValueAsString(DefinitionExamples.load(example));
  }
}
