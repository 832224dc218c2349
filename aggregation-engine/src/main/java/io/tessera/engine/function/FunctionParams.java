package io.tessera.engine.function;

/**
 * The parameters a function may take; each is null unless the function requires it.
 *
 * @param n how many values the {@code _n} functions keep
 * @param p the percentile of {@code approx_percentile}, in [0, 1]
 * @param cap the cap of exact {@code count_distinct}
 */
public record FunctionParams(Integer n, Double p, Integer cap) {
  public static final FunctionParams NONE = new FunctionParams(null, null, null);

  public static FunctionParams ofN(int n) {
    return new FunctionParams(n, null, null);
  }

  public static FunctionParams ofP(double p) {
    return new FunctionParams(null, p, null);
  }

  public static FunctionParams ofCap(int cap) {
    return new FunctionParams(null, null, cap);
  }
}
