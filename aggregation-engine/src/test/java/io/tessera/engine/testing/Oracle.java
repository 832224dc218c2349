package io.tessera.engine.testing;

import io.tessera.engine.event.Event;
import io.tessera.engine.function.CapExceeded;
import io.tessera.engine.view.FeatureSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The brute-force reference: plain loops over de-duplicated raw events, sharing no code with the
 * IRs, tiles or plan. Sums and variances are exact (BigInteger / BigDecimal); sketch functions
 * return the exact value, which {@link ValueMatcher} compares within the sketch's bound.
 */
public final class Oracle {
  private Oracle() {}

  /** The first event of each id, as the event log keeps it. */
  public static List<Event> deduplicate(List<Event> arrivals) {
    Map<String, Event> byId = new LinkedHashMap<>();
    for (Event event : arrivals) {
      byId.putIfAbsent(event.eventId(), event);
    }
    return new ArrayList<>(byId.values());
  }

  /** The events with {@code startMs <= time < endMs}, sorted by (time, id) without EventOrder. */
  public static List<Event> inWindow(List<Event> events, long startMs, long endMs) {
    List<Event> result = new ArrayList<>();
    for (Event event : events) {
      if (event.eventTimeMs() >= startMs && event.eventTimeMs() < endMs) {
        result.add(event);
      }
    }
    result.sort(
        (a, b) ->
            a.eventTimeMs() != b.eventTimeMs()
                ? Long.compare(a.eventTimeMs(), b.eventTimeMs())
                : a.eventId().compareTo(b.eventId()));
    return result;
  }

  /** The exact value of {@code feature} over {@code events} (already in window, sorted). */
  public static Object expected(FeatureSpec feature, List<Event> events) {
    List<Object> values = new ArrayList<>();
    for (Event event : events) {
      Object value = feature.column() == null ? Boolean.TRUE : event.value(feature.column());
      if (value != null) {
        values.add(value);
      }
    }
    int n = values.size();
    return switch (feature.kind()) {
      case COUNT -> (long) n;
      case SUM -> n == 0 ? null : sum(values);
      case MEAN ->
          n == 0
              ? null
              : exactSum(values)
                  .divide(BigDecimal.valueOf(n), MathContext.DECIMAL128)
                  .doubleValue();
      case MIN -> n == 0 ? null : extreme(values, true);
      case MAX -> n == 0 ? null : extreme(values, false);
      case FIRST -> n == 0 ? null : values.get(0);
      case LAST -> n == 0 ? null : values.get(n - 1);
      case FIRST_N -> List.copyOf(values.subList(0, Math.min(n, feature.params().n())));
      case LAST_N -> {
        List<Object> reversed = new ArrayList<>(values);
        Collections.reverse(reversed);
        yield List.copyOf(reversed.subList(0, Math.min(n, feature.params().n())));
      }
      case LAST_DISTINCT_N -> {
        Set<Object> seen = new LinkedHashSet<>();
        for (int i = n - 1; i >= 0 && seen.size() < feature.params().n(); i--) {
          seen.add(values.get(i));
        }
        yield List.copyOf(seen);
      }
      case COUNT_DISTINCT -> {
        int distinct = new HashSet<>(values).size();
        yield distinct > feature.params().cap()
            ? new CapExceeded(feature.params().cap())
            : (Object) (long) distinct;
      }
      case APPROX_COUNT_DISTINCT -> (long) new HashSet<>(values).size();
      case VAR_SAMP ->
          n < 2
              ? null
              : m2(values).divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL128).doubleValue();
      case VAR_POP ->
          n < 1
              ? null
              : m2(values).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
      case STDDEV_SAMP ->
          n < 2
              ? null
              : Math.sqrt(
                  m2(values)
                      .divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL128)
                      .doubleValue());
      case STDDEV_POP ->
          n < 1
              ? null
              : Math.sqrt(
                  m2(values).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue());
      case APPROX_PERCENTILE -> n == 0 ? null : sortedDoubles(values);
    };
  }

  private static Object sum(List<Object> values) {
    if (values.get(0) instanceof Long) {
      BigInteger total = BigInteger.ZERO;
      for (Object value : values) {
        total = total.add(BigInteger.valueOf((Long) value));
      }
      return total.bitLength() < 64 ? (Object) total.longValue() : (Object) total.doubleValue();
    }
    return exactSum(values).doubleValue();
  }

  static BigDecimal exactSum(List<Object> values) {
    BigDecimal total = BigDecimal.ZERO;
    for (Object value : values) {
      total = total.add(decimal(value));
    }
    return total;
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal((Double) value);
  }

  /** Exact sum of squared deviations: sum(x^2) - sum(x)^2 / n, in exact decimal arithmetic. */
  private static BigDecimal m2(List<Object> values) {
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (Object value : values) {
      BigDecimal x = decimal(value);
      sum = sum.add(x);
      squares = squares.add(x.multiply(x));
    }
    BigDecimal correction =
        sum.multiply(sum).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
    return squares.subtract(correction).max(BigDecimal.ZERO);
  }

  private static Object extreme(List<Object> values, boolean smallest) {
    Object best = values.get(0);
    for (Object value : values) {
      double a = ((Number) value).doubleValue();
      double b = ((Number) best).doubleValue();
      if (smallest ? a < b : a > b) {
        best = value;
      }
    }
    return best;
  }

  private static double[] sortedDoubles(List<Object> values) {
    double[] sorted = new double[values.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = ((Number) values.get(i)).doubleValue();
    }
    java.util.Arrays.sort(sorted);
    return sorted;
  }
}
