package io.tessera.definitions.transform;

import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.transform.TransformResult.Failed;
import io.tessera.definitions.transform.TransformResult.Reason;
import io.tessera.definitions.view.EventTime;
import io.tessera.definitions.view.FeatureView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A view's transformation, compiled once and applied to every event, by ingest and by backfill
 * alike, so both turn the same payload into the same row. Immutable and thread-safe.
 *
 * <p>Per event: coerce each declared payload column to its type (a missing field is {@code null});
 * evaluate the derived columns the filter reads, then the filter, then the other derived columns;
 * then read the entity key, event time and event id. Derived columns the filter does not read are
 * evaluated only for events the filter keeps, so an event the filter drops is never dead-lettered
 * for a column it would not have needed.
 */
public final class CompiledTransformation {

  private final FeatureView view;
  private final List<CompiledExpression> derived;
  private final Optional<CompiledExpression> filter;
  private final Map<String, ValueType> columnTypes;

  CompiledTransformation(
      FeatureView view, List<CompiledExpression> derived, Optional<CompiledExpression> filter) {
    this.view = view;
    this.derived = List.copyOf(derived);
    this.filter = filter;
    Map<String, ValueType> types = new LinkedHashMap<>(view.schema().columns());
    derived.forEach(expression -> types.put(expression.name(), expression.type()));
    this.columnTypes = Collections.unmodifiableMap(types);
  }

  /** Every column of a row, payload then derived, with its type. */
  public Map<String, ValueType> columnTypes() {
    return columnTypes;
  }

  /**
   * Transforms one decoded payload.
   *
   * @param payload top-level field name to decoded value; fields the schema does not declare are
   *     ignored
   */
  public TransformResult apply(Map<String, ?> payload) {
    Map<String, Object> celValues = new HashMap<>();
    Map<String, Object> row = new LinkedHashMap<>();
    for (Map.Entry<String, ValueType> column : view.schema().columns().entrySet()) {
      String name = column.getKey();
      Object value;
      try {
        value = PayloadCoercion.coerce(column.getValue(), payload.get(name));
      } catch (IllegalArgumentException e) {
        return new Failed(Reason.INVALID_VALUE, "column '" + name + "': " + e.getMessage());
      }
      celValues.put(name, value == null ? NullValue.NULL_VALUE : value);
      row.put(name, PayloadCoercion.toColumnValue(value));
    }

    // what derived columns see (payload columns only); a view without any needs no copy per event
    Map<String, Object> payloadValues = derived.isEmpty() ? Map.of() : Map.copyOf(celValues);
    List<CompiledExpression> pending = new ArrayList<>(derived);
    if (filter.isPresent()) {
      CompiledExpression condition = filter.get();
      for (CompiledExpression expression : derived) {
        if (condition.variables().contains(expression.name())) {
          Optional<Failed> failure = evaluateInto(expression, payloadValues, celValues, row);
          if (failure.isPresent()) {
            return failure.get();
          }
          pending.remove(expression);
        }
      }
      Object keep;
      try {
        keep = condition.program().eval(celValues);
      } catch (CelEvaluationException e) {
        return expressionFailed(condition, celValues, e);
      }
      if (!(keep instanceof Boolean)) {
        return new Failed(
            Reason.EXPRESSION_FAILED,
            "the filter yields null"
                + nullInputs(condition, celValues)
                + "; it must be true or"
                + " false");
      }
      if (!((Boolean) keep)) {
        return new TransformResult.Filtered();
      }
    }
    for (CompiledExpression expression : pending) {
      Optional<Failed> failure = evaluateInto(expression, payloadValues, celValues, row);
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    return rowOf(celValues, row);
  }

  private Optional<Failed> evaluateInto(
      CompiledExpression expression,
      Map<String, Object> payloadValues,
      Map<String, Object> celValues,
      Map<String, Object> row) {
    Object value;
    try {
      // Derived columns see only payload columns, never each other.
      value = expression.program().eval(payloadValues);
    } catch (CelEvaluationException e) {
      return Optional.of(expressionFailed(expression, payloadValues, e));
    }
    boolean isNull = value instanceof NullValue || value instanceof com.google.protobuf.NullValue;
    celValues.put(expression.name(), isNull ? NullValue.NULL_VALUE : value);
    row.put(expression.name(), isNull ? null : PayloadCoercion.toColumnValue(value));
    return Optional.empty();
  }

  private TransformResult rowOf(Map<String, Object> celValues, Map<String, Object> row) {
    List<Object> entityKey = new ArrayList<>();
    for (String column : view.entity()) {
      Object value = row.get(column);
      if (value == null) {
        return new Failed(
            Reason.MISSING_ENTITY, "entity column '" + column + "' is missing or null");
      }
      entityKey.add(value);
    }
    EventTime eventTime = view.eventTime();
    Object time = celValues.get(eventTime.field());
    if (time == null || time instanceof NullValue) {
      return new Failed(
          Reason.MISSING_EVENT_TIME,
          "event-time column '" + eventTime.field() + "' is missing or null");
    }
    long eventTimeMs;
    try {
      eventTimeMs = EventTimes.epochMs(eventTime.format(), time);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return new Failed(
          Reason.MISSING_EVENT_TIME,
          "event-time column '" + eventTime.field() + "': " + e.getMessage());
    }
    Optional<String> eventId = Optional.empty();
    if (view.eventId().isPresent()) {
      Object id = row.get(view.eventId().get());
      if (id == null) {
        return new Failed(
            Reason.MISSING_EVENT_ID,
            "event-id column '" + view.eventId().get() + "' is missing or null");
      }
      eventId = Optional.of(id.toString());
    }
    return new TransformResult.Success(new NormalizedRow(entityKey, eventTimeMs, eventId, row));
  }

  private static Failed expressionFailed(
      CompiledExpression expression, Map<String, Object> values, CelEvaluationException e) {
    return new Failed(
        Reason.EXPRESSION_FAILED,
        expression.description() + " failed: " + e.getMessage() + nullInputs(expression, values));
  }

  /** " (null or missing: amount, fee)" for the inputs of an expression that were null. */
  private static String nullInputs(CompiledExpression expression, Map<String, Object> values) {
    TreeSet<String> nulls = new TreeSet<>();
    for (String variable : expression.variables()) {
      if (values.get(variable) instanceof NullValue) {
        nulls.add(variable);
      }
    }
    return nulls.isEmpty() ? "" : " (null or missing: " + String.join(", ", nulls) + ")";
  }
}
