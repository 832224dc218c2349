package io.tessera.definitions.validation;

import static io.tessera.definitions.ViewFixtures.feature;
import static io.tessera.definitions.ViewFixtures.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.Definitions;
import io.tessera.definitions.ViewFixtures;
import io.tessera.definitions.view.FeatureView;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class FeatureViewValidationTest {

  private static List<Problem> problemsOf(ObjectNode view) {
    return Definitions.checkView(view.toString()).problems();
  }

  /** Asserts that {@code view} has exactly one problem, at {@code path}, saying {@code text}. */
  private static void assertOnlyProblem(ObjectNode view, String path, String text) {
    assertThat(problemsOf(view))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.path()).isEqualTo(path);
              assertThat(problem.message()).contains(text);
            });
  }

  @Test
  void acceptsARealisticView() {
    assertThat(problemsOf(transactions())).isEmpty();
  }

  @Test
  void rejectsInvalidViewName() {
    ObjectNode view = transactions().put("name", "User-Transactions");
    assertOnlyProblem(view, "$.name", "'User-Transactions' is not a valid view name");
  }

  @Test
  void rejectsUnknownInputColumn() {
    ObjectNode view = transactions();
    feature(view, 0).put("input", "amout");
    assertOnlyProblem(view, "$.features[0].input", "unknown column 'amout'");
  }

  @Test
  void rejectsInputTypeTheFunctionDoesNotAccept() {
    ObjectNode view = transactions();
    feature(view, 0).put("input", "currency");
    assertOnlyProblem(
        view,
        "$.features[0].input",
        "sum needs a numeric column (long or double), but 'currency' is a string column");
  }

  @Test
  void checksFeaturesAgainstTheInferredTypesOfDerivedColumns() {
    ObjectNode view = transactions();
    feature(view, 0).put("input", "amount_cents").put("default", 0);
    assertThat(problemsOf(view)).isEmpty();

    feature(view, 0).put("input", "is_big");
    assertOnlyProblem(view, "$.features[0].input", "'is_big' is a boolean column");
  }

  @Test
  void rejectsMissingInputForAFunctionThatNeedsOne() {
    ObjectNode view = transactions();
    feature(view, 0).remove("input");
    assertOnlyProblem(view, "$.features[0].input", "sum needs an input column");
  }

  @Test
  void acceptsCountWithoutInput() {
    ObjectNode view = transactions();
    assertThat(feature(view, 1).has("input")).isFalse();
    assertThat(problemsOf(view)).isEmpty();
  }

  @Test
  void rejectsBadWindowDuration() {
    ObjectNode view = transactions();
    ((ArrayNode) feature(view, 0).get("windows")).set(1, "7 days");
    assertOnlyProblem(view, "$.features[0].windows[1]", "'7 days' is not a window");
  }

  @Test
  void rejectsWindowLongerThanRetention() {
    ObjectNode view = transactions().put("retention", "7d");
    List<Problem> problems = problemsOf(view);
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly("$.features[0].windows[1]", "$.features[3].windows[0]");
    assertThat(problems.get(0).message())
        .isEqualTo(
            "window 7d is longer than the retention allows: it needs a retention of at least 8d"
                + " (the window plus the coarsest tile, 1d), but retention is 7d");
  }

  @Test
  void defaultRetentionIsTheLongestWindowPlusTheCoarsestTile() {
    ObjectNode view = transactions();
    view.remove("retention");
    FeatureView valid = ViewFixtures.valid(view.toString());
    assertThat(valid.retentionMs()).isEqualTo(8 * 86_400_000L);
  }

  @Test
  void lifetimeWindowsNeedNoRetention() {
    ObjectNode view = transactions().put("retention", "8d");
    ((ArrayNode) feature(view, 0).get("windows")).add("lifetime");
    assertThat(problemsOf(view)).isEmpty();
  }

  @Test
  void rejectsResolutionsThatDoNotDivide() {
    ObjectNode view = transactions();
    view.putArray("resolutions").add("1d").add("7h").add("1m");
    assertOnlyProblem(view, "$.resolutions", "1d is not a whole multiple of 7h");
  }

  @Test
  void rejectsResolutionsThatDoNotDescend() {
    ObjectNode view = transactions();
    view.putArray("resolutions").add("1m").add("1h");
    assertOnlyProblem(view, "$.resolutions", "resolutions must descend: 1h follows 1m");
  }

  @Test
  void rejectsAFilterThatDoesNotCompileWithCelsMessage() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("transformation")).put("filter", "curency == 'EUR'");
    assertOnlyProblem(
        view,
        "$.transformation.filter",
        "the filter does not compile: at 1:1: undeclared reference to 'curency'");
  }

  @Test
  void rejectsADerivedColumnThatDoesNotTypeCheck() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("transformation").get("derived")).put("label", "amount + 'x'");
    assertOnlyProblem(
        view,
        "$.transformation.derived.label",
        "derived column 'label' does not compile: at 1:8: found no matching overload for '_+_'");
  }

  @Test
  void rejectsAFilterThatIsNotBoolean() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("transformation")).put("filter", "amount * 2.0");
    assertOnlyProblem(
        view, "$.transformation.filter", "the filter must be true or false, but yields double");
  }

  @Test
  void rejectsADerivedColumnOfANonColumnType() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("transformation").get("derived")).put("pair", "[amount, 1.0]");
    assertOnlyProblem(
        view, "$.transformation.derived.pair", "yields list(double), but a column is an int");
  }

  @Test
  void rejectsADerivedColumnNamedLikeAPayloadColumn() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("transformation").get("derived")).put("amount", "amount * 2.0");
    assertOnlyProblem(view, "$.transformation.derived.amount", "has the name of a payload column");
  }

  @Test
  void rejectsMissingEventIdWithABatchSource() {
    ObjectNode view = transactions();
    view.remove("eventId");
    assertOnlyProblem(view, "$.eventId", "a view with a batch source needs an eventId column");
  }

  @Test
  void acceptsMissingEventIdWithoutABatchSource() {
    ObjectNode view = transactions();
    view.remove("eventId");
    view.remove("batchSource");
    assertThat(problemsOf(view)).isEmpty();
  }

  @Test
  void rejectsUnknownEventIdColumn() {
    ObjectNode view = transactions().put("eventId", "id");
    assertOnlyProblem(view, "$.eventId", "unknown column 'id'");
  }

  @Test
  void rejectsAParameterTheFunctionDoesNotTake() {
    ObjectNode view = transactions();
    feature(view, 0).putObject("params").put("n", 3);
    assertOnlyProblem(view, "$.features[0].params.n", "sum takes no parameters, not 'n'");
  }

  @Test
  void rejectsAParameterNoFunctionTakes() {
    ObjectNode view = transactions();
    feature(view, 2).putObject("params").put("n", 5).put("k", 1);
    assertOnlyProblem(view, "$.features[2].params.k", "unknown parameter 'k'");
  }

  @Test
  void rejectsAMissingParameter() {
    ObjectNode view = transactions();
    feature(view, 2).remove("params");
    assertOnlyProblem(
        view, "$.features[2].params", "last_distinct_n needs parameter n (how many values");
  }

  @Test
  void rejectsNOutOfRange() {
    ObjectNode view = transactions();
    ((ObjectNode) feature(view, 2).get("params")).put("n", 1001);
    assertOnlyProblem(
        view, "$.features[2].params.n", "n is 1001, but it must be between 1 and 1000");
    ((ObjectNode) feature(view, 2).get("params")).put("n", 0);
    assertOnlyProblem(view, "$.features[2].params.n", "n is 0, but it must be between 1 and");
  }

  @Test
  void rejectsAFractionalN() {
    ObjectNode view = transactions();
    ((ObjectNode) feature(view, 2).get("params")).put("n", 2.5);
    assertOnlyProblem(view, "$.features[2].params.n", "n must be a whole number");
  }

  @Test
  void exactCountDistinctNeedsACapInRange() {
    ObjectNode view = transactions();
    ObjectNode distinct = feature(view, 2).put("function", "count_distinct");
    distinct.remove("params");
    assertOnlyProblem(view, "$.features[2].params", "count_distinct needs parameter cap");
    distinct.putObject("params").put("cap", 5000);
    assertOnlyProblem(
        view, "$.features[2].params.cap", "cap is 5000, but it must be between 1 and 1000");
  }

  @Test
  void rejectsAPercentileOutsideZeroToOne() {
    ObjectNode view = transactions();
    ((ObjectNode) feature(view, 3).get("params")).put("p", 1.5);
    assertOnlyProblem(view, "$.features[3].params.p", "p is 1.5, but a percentile is between 0");
  }

  @Test
  void rejectsADefaultForAFunctionThatTakesNone() {
    ObjectNode view = transactions();
    feature(view, 1).put("default", 0);
    assertOnlyProblem(view, "$.features[1].default", "count takes no default");
  }

  @Test
  void rejectsADefaultOfTheWrongType() {
    ObjectNode view = transactions();
    feature(view, 0).put("default", "zero");
    assertOnlyProblem(
        view,
        "$.features[0].default",
        "the default zero does not fit sum over a double column: give a number");
    feature(view, 0).put("input", "quantity").put("default", 0.5);
    assertOnlyProblem(view, "$.features[0].default", "give a whole number");
  }

  @Test
  void rejectsDuplicateFeatureNames() {
    ObjectNode view = transactions();
    feature(view, 3).put("name", "spend");
    assertOnlyProblem(
        view, "$.features[3].name", "feature name 'spend' is already used by $.features[0]");
  }

  @Test
  void rejectsADuplicateWindow() {
    ObjectNode view = transactions();
    ((ArrayNode) feature(view, 0).get("windows")).add("60m");
    assertOnlyProblem(view, "$.features[0].windows[2]", "window 1h is listed twice");
  }

  @Test
  void rejectsInvalidFeatureAndColumnNames() {
    ObjectNode view = transactions();
    feature(view, 0).put("name", "Spend 7d");
    ((ObjectNode) view.get("schema")).put("in", "long");
    assertThat(problemsOf(view))
        .extracting(Problem::path)
        .containsExactly("$.schema.in", "$.features[0].name");
  }

  @Test
  void rejectsBadEntityColumns() {
    ObjectNode view = transactions();
    view.putArray("entity").add("user").add("amount");
    assertThat(problemsOf(view))
        .extracting(Problem::toString)
        .containsExactly(
            "$.entity[0]: unknown column 'user': declare it in schema or as a derived column"
                + " (known: amount, amount_cents, card_present, currency, is_big, merchant,"
                + " quantity, ts, txn_id, user_id)",
            "$.entity[1]: entity column 'amount' is a double column, but entity columns must be"
                + " string or long");
    view.putArray("entity");
    assertOnlyProblem(view, "$.entity", "name at least one entity column");
  }

  @Test
  void rejectsAnEventTimeFieldOutsideTheSchema() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("eventTime")).put("field", "timestamp");
    assertOnlyProblem(view, "$.eventTime.field", "unknown column 'timestamp'");
  }

  @Test
  void rejectsAnEventTimeTypeThatCannotHoldItsFormat() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("eventTime")).put("format", "iso8601");
    assertOnlyProblem(
        view,
        "$.eventTime.format",
        "event-time column 'ts' is a long column, which cannot hold iso8601");
  }

  @Test
  void rejectsAllowedLatenessLongerThanRetention() {
    ObjectNode view = transactions().put("allowedLateness", "9d");
    assertOnlyProblem(view, "$.allowedLateness", "allowed lateness 9d is longer than");
  }

  @Test
  void rejectsZeroExpectedFreshness() {
    ObjectNode view = transactions().put("expectedFreshness", "0s");
    assertOnlyProblem(view, "$.expectedFreshness", "expected freshness must be positive");
  }

  @Test
  void rejectsBadSources() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("source")).put("topic", "tx events");
    assertOnlyProblem(view, "$.source.topic", "'tx events' is not a Kafka topic name");

    view.putObject("source")
        .put("type", "kinesis")
        .put("stream", "tx")
        .put("region", "Europe")
        .put("endpoint", "localhost:4567");
    assertThat(problemsOf(view))
        .extracting(Problem::path)
        .containsExactly("$.source.region", "$.source.endpoint");

    view.putObject("source").put("type", "kafka").put("topic", "tx");
    view.putObject("batchSource")
        .put("type", "jdbc")
        .put("url", "postgresql://db/shop")
        .put("table", "tx")
        .put("query", "select * from tx");
    assertThat(problemsOf(view))
        .extracting(Problem::toString)
        .containsExactly(
            "$.batchSource.url: 'postgresql://db/shop' is not a JDBC URL: it starts with jdbc:",
            "$.batchSource: give either table or query, not both");
  }
}
