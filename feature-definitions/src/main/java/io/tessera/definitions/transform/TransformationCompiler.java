package io.tessera.definitions.transform;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.view.Transformation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles and type-checks a view's transformation against its payload schema, once, at
 * registration (and again when a service loads the definition). Derived columns are checked against
 * the payload columns and their result types become column types; the filter is checked against
 * payload and derived columns and must be boolean.
 */
public final class TransformationCompiler {

  private TransformationCompiler() {}

  /** Every expression error of {@code view}, and its program when there are none. */
  public static TransformationCompilation compile(FeatureView view) {
    Map<String, CelType> payloadVariables = new LinkedHashMap<>();
    view.schema()
        .columns()
        .forEach(
            (column, type) -> {
              // Invalid names are reported by validation; CEL could not declare them anyway.
              if (CelNames.isColumnName(column)) {
                payloadVariables.put(column, ColumnTypes.celTypeOf(type));
              }
            });
    Transformation transformation = view.transformation();
    List<ExpressionError> errors = new ArrayList<>();
    Map<String, ValueType> derivedTypes = new LinkedHashMap<>();
    List<CompiledExpression> derived = new ArrayList<>();
    Map<String, CelType> filterVariables = new LinkedHashMap<>(payloadVariables);

    Cel payloadCel = SandboxedCel.withVariables(payloadVariables);
    for (Map.Entry<String, String> entry : transformation.derived().entrySet()) {
      String column = entry.getKey();
      if (view.schema().columns().containsKey(column)) {
        errors.add(
            new ExpressionError(
                column,
                "derived column '"
                    + column
                    + "' has the name of a payload column; give it another name"));
        continue;
      }
      if (!CelNames.isColumnName(column)) {
        continue; // reported by validation as an invalid name
      }
      Optional<CompiledExpression> compiled =
          compileOne(payloadCel, column, entry.getValue(), false, errors);
      compiled.ifPresent(
          expression -> {
            derived.add(expression);
            derivedTypes.put(column, expression.type());
            filterVariables.put(column, ColumnTypes.celTypeOf(expression.type()));
          });
      if (compiled.isEmpty()) {
        // Declared as dyn, so the filter is checked without repeating this column's error.
        filterVariables.put(column, SimpleType.DYN);
      }
    }

    Optional<CompiledExpression> filter = Optional.empty();
    if (transformation.filter().isPresent()) {
      Cel filterCel = SandboxedCel.withVariables(filterVariables);
      filter = compileOne(filterCel, null, transformation.filter().get(), true, errors);
    }
    if (!errors.isEmpty()) {
      return new TransformationCompilation(derivedTypes, errors, Optional.empty());
    }
    return new TransformationCompilation(
        derivedTypes, errors, Optional.of(new CompiledTransformation(view, derived, filter)));
  }

  private static Optional<CompiledExpression> compileOne(
      Cel cel, String column, String source, boolean isFilter, List<ExpressionError> errors) {
    String what = isFilter ? "the filter" : "derived column '" + column + "'";
    if (source.codePointCount(0, source.length()) > ExpressionLimits.MAX_CODE_POINTS) {
      errors.add(
          new ExpressionError(
              column,
              what
                  + " is longer than "
                  + ExpressionLimits.MAX_CODE_POINTS
                  + " characters; move complex logic upstream"));
      return Optional.empty();
    }
    CelValidationResult result = cel.compile(source);
    if (result.hasError()) {
      errors.add(new ExpressionError(column, what + " does not compile: " + celMessage(result)));
      return Optional.empty();
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelType resultType = ast.getResultType();
      if (isFilter && !ColumnTypes.isBoolean(resultType)) {
        errors.add(
            new ExpressionError(
                column,
                what + " must be true or false, but yields " + CelTypes.format(resultType)));
        return Optional.empty();
      }
      Optional<ValueType> type =
          isFilter ? Optional.of(ValueType.BOOLEAN) : ColumnTypes.valueTypeOf(resultType);
      if (type.isEmpty()) {
        errors.add(
            new ExpressionError(
                column,
                what
                    + " yields "
                    + CelTypes.format(resultType)
                    + ", but a column is an int, double, string, bool or timestamp"));
        return Optional.empty();
      }
      return Optional.of(
          new CompiledExpression(
              isFilter ? "filter" : column,
              isFilter,
              cel.createProgram(ast),
              type.get(),
              CompiledExpression.variablesOf(ast)));
    } catch (CelValidationException | CelEvaluationException e) {
      errors.add(new ExpressionError(column, what + " does not compile: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /** CEL's own message, one line per issue, without the leading "ERROR: " of each. */
  private static String celMessage(CelValidationResult result) {
    return result.getErrorString().replace("ERROR: <input>:", "at ");
  }
}
