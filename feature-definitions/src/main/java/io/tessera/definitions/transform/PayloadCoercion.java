package io.tessera.definitions.transform;

import io.tessera.definitions.feature.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/**
 * Turns a decoded payload value (what a JSON, CSV, Parquet or JDBC reader yields) into the Java
 * value of its declared column type: {@link Long}, {@link Double}, {@link String}, {@link Boolean}
 * or, for timestamps, {@link Instant}. Text is accepted for numbers, booleans and timestamps,
 * because CSV files and many producers write everything as text; a value that does not fit its type
 * is an error, never a guess.
 */
final class PayloadCoercion {

  /**
   * The timestamps a column holds: a protobuf (and so CEL) timestamp's range, which epoch
   * milliseconds also cover. A year-999999999 instant parses, but neither CEL nor a {@code long} of
   * milliseconds can hold it: refused as an invalid value instead of failing the whole batch.
   */
  private static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999Z");

  private PayloadCoercion() {}

  /**
   * The value of {@code raw} as {@code type}; {@code null} stays {@code null}.
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  static Object coerce(ValueType type, Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Map<?, ?> || raw instanceof Collection<?>) {
      throw mismatch(type, raw);
    }
    return switch (type) {
      case LONG -> toLong(raw);
      case DOUBLE -> toDouble(raw);
      case STRING -> toText(raw);
      case BOOLEAN -> toBoolean(raw);
      case TIMESTAMP -> toInstant(raw);
    };
  }

  /** The value as a normalized event carries it: timestamps become epoch milliseconds. */
  static Object toColumnValue(Object celValue) {
    return celValue instanceof Instant instant ? instant.toEpochMilli() : celValue;
  }

  private static Long toLong(Object raw) {
    try {
      BigDecimal exact =
          raw instanceof String text ? new BigDecimal(text.trim()) : exactDecimal(raw, "long");
      return exact.longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw mismatch(ValueType.LONG, raw);
    }
  }

  private static Double toDouble(Object raw) {
    double value;
    if (raw instanceof Number number) {
      value = number.doubleValue();
    } else if (raw instanceof String text) {
      try {
        value = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw mismatch(ValueType.DOUBLE, raw);
      }
    } else {
      throw mismatch(ValueType.DOUBLE, raw);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("expected a finite number, got " + describe(raw));
    }
    return value;
  }

  private static String toText(Object raw) {
    // Whole numbers have one obvious text (ids are often numbers); fractions and booleans do not.
    if (raw instanceof String text) {
      return text;
    }
    if (raw instanceof Long || raw instanceof Integer || raw instanceof BigInteger) {
      return raw.toString();
    }
    throw mismatch(ValueType.STRING, raw);
  }

  private static Boolean toBoolean(Object raw) {
    if (raw instanceof Boolean bool) {
      return bool;
    }
    if ("true".equals(raw) || "false".equals(raw)) {
      return Boolean.valueOf((String) raw);
    }
    throw mismatch(ValueType.BOOLEAN, raw);
  }

  private static Instant toInstant(Object raw) {
    Instant instant = parseInstant(raw);
    if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
      throw new IllegalArgumentException(
          "expected a timestamp between years 1 and 9999, got " + describe(raw));
    }
    return instant;
  }

  private static Instant parseInstant(Object raw) {
    if (raw instanceof String text) {
      try {
        return OffsetDateTime.parse(text.trim()).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.ofEpochMilli(Long.parseLong(text.trim()));
        } catch (NumberFormatException notANumber) {
          throw new IllegalArgumentException(
              "expected an ISO-8601 timestamp with an offset or epoch milliseconds, got "
                  + describe(raw));
        }
      }
    }
    try {
      return Instant.ofEpochMilli(exactDecimal(raw, "timestamp").longValueExact());
    } catch (ArithmeticException e) {
      throw mismatch(ValueType.TIMESTAMP, raw);
    }
  }

  private static BigDecimal exactDecimal(Object raw, String expected) {
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (raw instanceof BigDecimal decimal) {
      return decimal;
    }
    if (raw instanceof Double || raw instanceof Float) {
      double value = ((Number) raw).doubleValue();
      if (Double.isFinite(value)) {
        return new BigDecimal(value);
      }
    }
    throw mismatch(expected, raw);
  }

  private static IllegalArgumentException mismatch(ValueType type, Object raw) {
    return mismatch(type.name().toLowerCase(java.util.Locale.ROOT), raw);
  }

  private static IllegalArgumentException mismatch(String expected, Object raw) {
    String wanted =
        switch (expected) {
          case "long" -> "a whole number";
          case "double" -> "a number";
          case "string" -> "text";
          case "boolean" -> "true or false";
          default -> "an ISO-8601 timestamp or epoch milliseconds";
        };
    return new IllegalArgumentException("expected " + wanted + ", got " + describe(raw));
  }

  static String describe(Object raw) {
    if (raw instanceof String text) {
      String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
      return "text '" + shown + "'";
    }
    if (raw instanceof Map<?, ?>) {
      return "an object";
    }
    if (raw instanceof Collection<?>) {
      return "an array";
    }
    if (raw instanceof Boolean) {
      return "boolean " + raw;
    }
    return "number " + raw;
  }
}
