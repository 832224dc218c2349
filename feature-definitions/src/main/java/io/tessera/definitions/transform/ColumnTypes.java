package io.tessera.definitions.transform;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import io.tessera.definitions.feature.ValueType;
import java.util.Optional;

/** The mapping between column types and CEL types, in both directions. */
final class ColumnTypes {

  private ColumnTypes() {}

  /**
   * The CEL type of a column. Every column is nullable, because any event may lack a field or carry
   * {@code null}: expressions can test {@code amount != null}, and an expression that uses a null
   * value in arithmetic fails for that event instead of inventing a value.
   */
  static CelType celTypeOf(ValueType type) {
    CelType simple =
        switch (type) {
          case LONG -> SimpleType.INT;
          case DOUBLE -> SimpleType.DOUBLE;
          case STRING -> SimpleType.STRING;
          case BOOLEAN -> SimpleType.BOOL;
          case TIMESTAMP -> SimpleType.TIMESTAMP;
        };
    return NullableType.create(simple);
  }

  /** The column type of an expression's result, or empty if CEL's type is not a column type. */
  static Optional<ValueType> valueTypeOf(CelType celType) {
    CelType type = celType instanceof NullableType nullable ? nullable.targetType() : celType;
    return Optional.ofNullable(
        switch (type.kind()) {
          case INT -> ValueType.LONG;
          case DOUBLE -> ValueType.DOUBLE;
          case STRING -> ValueType.STRING;
          case BOOL -> ValueType.BOOLEAN;
          case TIMESTAMP -> ValueType.TIMESTAMP;
          default -> null;
        });
  }

  static boolean isBoolean(CelType celType) {
    CelType type = celType instanceof NullableType nullable ? nullable.targetType() : celType;
    return type.kind() == CelKind.BOOL;
  }
}
