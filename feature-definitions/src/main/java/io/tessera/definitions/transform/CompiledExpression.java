package io.tessera.definitions.transform;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelRuntime;
import io.tessera.definitions.feature.ValueType;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One type-checked expression, ready to evaluate, with the variables it reads (to say which null or
 * missing field an evaluation error is about).
 *
 * @param name the derived column, or {@code filter}
 * @param isFilter whether this is the filter rather than a derived column
 * @param program the evaluable program; thread-safe
 * @param type the column type of its result
 * @param variables the columns the expression reads
 */
record CompiledExpression(
    String name,
    boolean isFilter,
    CelRuntime.Program program,
    ValueType type,
    Set<String> variables) {

  CompiledExpression {
    variables = Set.copyOf(variables);
  }

  /** How messages name it: "the filter" or "derived column 'x'". */
  String description() {
    return isFilter ? "the filter" : "derived column '" + name + "'";
  }

  /** The variables a checked AST reads: references that are not function overloads. */
  static Set<String> variablesOf(CelAbstractSyntaxTree ast) {
    return ast.getReferenceMap().values().stream()
        .filter(reference -> reference.overloadIds().isEmpty())
        .map(CelReference::name)
        .collect(Collectors.toSet());
  }
}
