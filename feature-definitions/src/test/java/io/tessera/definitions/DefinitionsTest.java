package io.tessera.definitions;

import static io.tessera.definitions.ViewFixtures.feature;
import static io.tessera.definitions.ViewFixtures.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.validation.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading and checking together: every problem at once, structural and semantic. */
class DefinitionsTest {

  private static List<Problem> problemsOf(String json) {
    return Definitions.checkView(json).problems();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ObjectNode view = transactions();
    view.remove("eventId");
    ((ObjectNode) view.get("transformation")).put("filter", "curency == 'EUR'");
    ((ArrayNode) feature(view, 0).get("windows")).set(0, "1 hour");
    feature(view, 1).put("input", "nope");
    feature(view, 3).put("name", "spend");
    view.put("retention", "2d");

    assertThat(problemsOf(view.toString()))
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "$.features[0].windows[0]", // bad duration (structural)
            "$.transformation.filter", // does not compile
            "$.eventId", // batch source without event id
            "$.features[0].windows[1]", // 7d longer than the 2d retention
            "$.features[1].input", // unknown column
            "$.features[3].name", // duplicate feature name
            "$.features[3].windows[0]"); // 7d again
  }

  @Test
  void textThatIsNotUnicodeIsAProblemAtItsPathWhereverItIs() {
    ObjectNode view = transactions();
    view.put("description", "half a pair: \ud800");
    feature(view, 1).put("name", "\udc00");
    ((ObjectNode) view.get("schema")).put("bad\ud800name", "string");

    List<Problem> problems = problemsOf(view.toString());

    assertThat(problems)
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "$.description", "$.features[1].name", "$.schema['bad\ufffdname']");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("not valid Unicode"));
  }

  @Test
  void anUnknownFunctionIsReportedOnceNotAlsoAsBadParamsInputOrDefault() {
    ObjectNode view = transactions();
    feature(view, 2).put("function", "last_distinct").put("default", "x");
    assertThat(problemsOf(view.toString()))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.path()).isEqualTo("$.features[2].function");
              assertThat(problem.message())
                  .startsWith("unknown function 'last_distinct'; expected one of count, sum,");
            });
  }

  @Test
  void reportsUnknownFieldsWhichAreUsuallyTypos() {
    ObjectNode view = transactions();
    feature(view, 0).set("windos", feature(view, 0).get("windows"));
    view.put("retension", "8d");
    assertThat(problemsOf(view.toString()))
        .extracting(Problem::path)
        .containsExactly("$.features[0].windos", "$.retension");
  }

  @Test
  void reportsWrongJsonTypesAndMissingFields() {
    ObjectNode view = transactions().put("entity", 42).put("description", 7);
    view.remove("eventTime");
    assertThat(problemsOf(view.toString()))
        .extracting(Problem::toString)
        .containsExactlyInAnyOrder(
            "$.entity: expected a column name or an array of them, found a number",
            "$.eventTime: 'eventTime' is required",
            "$.description: expected a string, found a number");
  }

  @Test
  void anUnknownColumnTypeStopsTheChecksThatDependOnTypes() {
    ObjectNode view = transactions();
    ((ObjectNode) view.get("schema")).put("amount", "money");
    assertThat(problemsOf(view.toString()))
        .singleElement()
        .hasToString(
            "$.schema.amount: unknown value 'money'; expected one of long, double, string,"
                + " boolean, timestamp");
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThat(problemsOf("{\"name\": "))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("not valid JSON"));
    assertThat(problemsOf("[1, 2]"))
        .singleElement()
        .hasToString("$: expected a JSON object, found an array");
  }

  @Test
  void rejectsAKeyWrittenTwice() {
    String json = ViewFixtures.TRANSACTIONS.replace("\"owner\":", "\"name\": \"x\", \"owner\":");
    assertThat(problemsOf(json))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("Duplicate"));
  }

  @Test
  void acceptsASingleEntityColumnWrittenAsAString() {
    ObjectNode view = transactions().put("entity", "user_id");
    assertThat(ViewFixtures.valid(view.toString()).entity()).containsExactly("user_id");
  }
}
