package io.tessera.definitions.validation;

import static io.tessera.definitions.validation.ViewColumns.typeName;

import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.transform.CelNames;
import io.tessera.definitions.transform.ExpressionError;
import io.tessera.definitions.transform.TransformationCompilation;
import io.tessera.definitions.transform.TransformationCompiler;
import io.tessera.definitions.view.EventTime;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.view.TimeFormat;
import io.tessera.definitions.window.DurationText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a feature view and returns every problem, each with its JSON path. It compiles the
 * transformation to type-check the expressions and to learn the derived columns' types, then checks
 * keys, event time and id, and every feature against the columns.
 */
public final class FeatureViewValidator {

  private FeatureViewValidator() {}

  /** Every problem of {@code view}; empty when it is valid. */
  public static List<Problem> validate(FeatureView view) {
    List<Problem> problems = new ArrayList<>();
    if (!Names.isValid(view.name())) {
      problems.add(new Problem("$.name", Names.invalid("view", view.name())));
    }
    SourceRules.check(view.source(), problems);
    view.batchSource().ifPresent(batch -> SourceRules.check(batch, problems));
    checkSchema(view, problems);

    TransformationCompilation compilation = TransformationCompiler.compile(view);
    for (ExpressionError error : compilation.errors()) {
      String path =
          error.isFilter()
              ? "$.transformation.filter"
              : "$.transformation.derived." + error.derivedColumn();
      problems.add(new Problem(path, error.message()));
    }
    for (String derived : view.transformation().derived().keySet()) {
      if (!CelNames.isColumnName(derived)) {
        problems.add(
            new Problem(
                "$.transformation.derived." + derived,
                "'" + derived + "' is not a valid column name: " + COLUMN_RULE));
      }
    }
    ViewColumns columns =
        new ViewColumns(
            view.schema().columns(),
            view.transformation().derived().keySet(),
            compilation.derivedTypes());

    checkEntity(view, columns, problems);
    checkEventTime(view.eventTime(), view, problems);
    checkEventId(view, columns, problems);
    checkFeatures(view, columns, problems);
    checkDurations(view, problems);
    return problems;
  }

  private static final String COLUMN_RULE =
      "use letters, digits and underscores, starting with a letter or underscore, and no CEL"
          + " keyword";

  private static void checkSchema(FeatureView view, List<Problem> problems) {
    if (view.schema().columns().isEmpty()) {
      problems.add(
          new Problem(
              "$.schema",
              "declare the payload columns the view uses, with their types, such as"
                  + " {\"user_id\": \"string\", \"amount\": \"double\"}"));
    }
    for (String column : view.schema().columns().keySet()) {
      if (!CelNames.isColumnName(column)) {
        problems.add(
            new Problem(
                "$.schema." + column,
                "'" + column + "' is not a valid column name: " + COLUMN_RULE));
      }
    }
  }

  private static void checkEntity(FeatureView view, ViewColumns columns, List<Problem> problems) {
    if (view.entity().isEmpty()) {
      problems.add(new Problem("$.entity", "name at least one entity column, such as user_id"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < view.entity().size(); i++) {
      String column = view.entity().get(i);
      String path = "$.entity[" + i + "]";
      if (!seen.add(column)) {
        problems.add(new Problem(path, "entity column '" + column + "' is listed twice"));
      } else if (!columns.isKnown(column)) {
        problems.add(new Problem(path, columns.unknown(column)));
      } else {
        checkKeyType(columns, column, "entity", path, problems);
      }
    }
  }

  private static void checkKeyType(
      ViewColumns columns, String column, String role, String path, List<Problem> problems) {
    columns
        .typeOf(column)
        .filter(type -> type != ValueType.STRING && type != ValueType.LONG)
        .ifPresent(
            type ->
                problems.add(
                    new Problem(
                        path,
                        role
                            + " column '"
                            + column
                            + "' is a "
                            + typeName(type)
                            + " column, but "
                            + role
                            + " columns must be string or long")));
  }

  private static void checkEventTime(
      EventTime eventTime, FeatureView view, List<Problem> problems) {
    Optional<ValueType> type = view.schema().typeOf(eventTime.field());
    if (type.isEmpty()) {
      problems.add(
          new Problem(
              "$.eventTime.field",
              "unknown column '"
                  + eventTime.field()
                  + "': the event-time field must be declared in schema"));
      return;
    }
    Set<ValueType> allowed =
        switch (eventTime.format()) {
          case EPOCH_MILLIS -> Set.of(ValueType.LONG, ValueType.TIMESTAMP);
          case EPOCH_SECONDS -> Set.of(ValueType.LONG, ValueType.DOUBLE);
          case ISO8601 -> Set.of(ValueType.STRING, ValueType.TIMESTAMP);
        };
    if (!allowed.contains(type.get())) {
      problems.add(
          new Problem(
              "$.eventTime.format",
              "event-time column '"
                  + eventTime.field()
                  + "' is a "
                  + typeName(type.get())
                  + " column, which cannot hold "
                  + eventTime.format().jsonName()
                  + (eventTime.format() == TimeFormat.ISO8601
                      ? " (declare it as string or timestamp)"
                      : eventTime.format() == TimeFormat.EPOCH_SECONDS
                          ? " (declare it as long or double)"
                          : " (declare it as long or timestamp)")));
    }
  }

  private static void checkEventId(FeatureView view, ViewColumns columns, List<Problem> problems) {
    if (view.eventId().isEmpty()) {
      if (view.batchSource().isPresent()) {
        problems.add(
            new Problem(
                "$.eventId",
                "a view with a batch source needs an eventId column: only a real event id"
                    + " de-duplicates events that both backfill and the stream deliver"));
      }
      return;
    }
    String column = view.eventId().get();
    if (!columns.isKnown(column)) {
      problems.add(new Problem("$.eventId", columns.unknown(column)));
    } else {
      checkKeyType(columns, column, "event-id", "$.eventId", problems);
    }
  }

  private static void checkFeatures(FeatureView view, ViewColumns columns, List<Problem> problems) {
    if (view.features().isEmpty()) {
      problems.add(new Problem("$.features", "declare at least one feature"));
    }
    FeatureRules rules =
        new FeatureRules(columns, view.retentionMs(), view.resolutions().coarsestMs(), problems);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < view.features().size(); i++) {
      FeatureSpec feature = view.features().get(i);
      String path = "$.features[" + i + "]";
      Integer first = seen.putIfAbsent(feature.name(), i);
      if (first != null) {
        problems.add(
            new Problem(
                path + ".name",
                "feature name '"
                    + feature.name()
                    + "' is already used by $.features["
                    + first
                    + "]; feature names must be unique in a view"));
      }
      rules.check(feature, path);
    }
  }

  private static void checkDurations(FeatureView view, List<Problem> problems) {
    if (view.allowedLatenessMs() > view.retentionMs()) {
      problems.add(
          new Problem(
              "$.allowedLateness",
              "allowed lateness "
                  + DurationText.format(view.allowedLatenessMs())
                  + " is longer than the retention "
                  + DurationText.format(view.retentionMs())
                  + ": late events would already be gone from the event log"));
    }
    if (view.expectedFreshnessMs() == 0) {
      problems.add(
          new Problem(
              "$.expectedFreshness",
              "expected freshness must be positive: with 0 every value would be stale"));
    }
  }
}
