package io.tessera.definitions.version;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double the way ECMAScript's {@code Number.prototype.toString} does, as RFC 8785
 * requires: the fewest significant digits that read back as the same double, plain notation from
 * 1e-6 up to 1e21 and exponent notation ({@code 1e+21}, {@code 1e-7}) outside. {@link
 * Double#toString} differs (it writes {@code 1.0E21}, and before Java 19 not always the shortest
 * digits), so this does it from the exact decimal value.
 */
final class EcmaNumber {

  private EcmaNumber() {}

  static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    if (value == 0) {
      return "0"; // and -0 too
    }
    if (value < 0) {
      return "-" + format(-value);
    }
    BigDecimal shortest = shortestDecimal(value).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = digits x 10^(n-k)
    if (k <= n && n <= 21) {
      return digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + digits;
    }
    String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
    return k == 1
        ? digits + "e" + exponent
        : digits.charAt(0) + "." + digits.substring(1) + "e" + exponent;
  }

  /**
   * The decimal with the fewest significant digits that reads back as {@code value}; among those,
   * the closest to it. Candidates are the rounding of the exact value to nearest, down and up, so
   * an asymmetric rounding interval (at powers of two) is handled too.
   */
  private static BigDecimal shortestDecimal(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode :
          new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == value
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return exact; // unreachable: 17 significant digits always round-trip a double
  }
}
