package io.tessera.definitions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.service.FeatureReference;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.view.FeatureView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FeatureServiceValidationTest {

  /** Two versions of user_transactions; version 1 lacked p90_amount. */
  private static final RegisteredViews REGISTRY =
      new RegisteredViews() {
        private final FeatureView latest = ViewFixtures.valid(ViewFixtures.TRANSACTIONS);
        private final Map<Integer, FeatureView> versions =
            Map.of(
                1,
                ViewFixtures.valid(
                    ViewFixtures.TRANSACTIONS.replace("\"p90_amount\"", "\"p95_amount\"")),
                2,
                latest);

        @Override
        public OptionalInt latestVersion(String view) {
          return view.equals("user_transactions") ? OptionalInt.of(2) : OptionalInt.empty();
        }

        @Override
        public Optional<FeatureView> version(String view, int version) {
          return view.equals("user_transactions")
              ? Optional.ofNullable(versions.get(version))
              : Optional.empty();
        }
      };

  private static List<Problem> problemsOf(String... features) {
    String list = String.join("\", \"", features);
    String json =
        "{\"name\": \"fraud_model\", \"features\": [\"" + list + "\"], \"owner\": \"risk\"}";
    return Definitions.checkService(json, REGISTRY).problems();
  }

  @Test
  void acceptsPinnedAndUnpinnedReferences() {
    var result =
        Definitions.checkService(
            "{\"name\": \"fraud_model\", \"features\": [\"user_transactions:spend\","
                + " \"user_transactions@1:p95_amount\"]}",
            REGISTRY);
    assertThat(result.isValid()).isTrue();
    FeatureService service = ((ValidationResult.Valid<FeatureService>) result).value();
    assertThat(service.features())
        .containsExactly(
            new FeatureReference("user_transactions", OptionalInt.empty(), "spend"),
            new FeatureReference("user_transactions", OptionalInt.of(1), "p95_amount"));
  }

  @Test
  void rejectsAMissingView() {
    assertThat(problemsOf("user_txns:spend"))
        .singleElement()
        .hasToString("$.features[0]: no view named 'user_txns' is registered");
  }

  @Test
  void rejectsAMissingVersion() {
    assertThat(problemsOf("user_transactions@3:spend"))
        .singleElement()
        .hasToString("$.features[0]: view 'user_transactions' has no version 3 (its latest is 2)");
  }

  @Test
  void rejectsAFeatureMissingFromTheReferencedVersion() {
    assertThat(problemsOf("user_transactions:spend", "user_transactions@1:p90_amount"))
        .singleElement()
        .hasToString(
            "$.features[1]: version 1 of view 'user_transactions' has no feature 'p90_amount'"
                + " (it has: spend, txn_count, recent_merchants, p95_amount)");
  }

  @Test
  void rejectsTheSameFeatureTwice() {
    assertThat(problemsOf("user_transactions:spend", "user_transactions:spend"))
        .singleElement()
        .hasToString(
            "$.features[1]: 'user_transactions:spend' is listed twice (also at $.features[0])");
  }

  @Test
  void rejectsAMalformedReferenceAndAnInvalidName() {
    List<Problem> problems =
        Definitions.checkService(
                "{\"name\": \"Fraud\", \"features\": [\"user_transactions-spend\"]}", REGISTRY)
            .problems();
    assertThat(problems).extracting(Problem::path).containsExactly("$.features[0]");
    assertThat(problems.get(0).message()).contains("is not a feature reference");
  }

  @Test
  void rejectsAnInvalidServiceName() {
    assertThat(
            Definitions.checkService(
                    "{\"name\": \"Fraud\", \"features\": [\"user_transactions:spend\"]}", REGISTRY)
                .problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not a valid feature service name"));
  }
}
