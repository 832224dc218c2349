package io.tessera.definitions.feature;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The aggregation functions a feature may declare, with the rules that validation checks: which
 * input types each accepts, which parameters it takes, whether its empty value may be replaced by a
 * declared default, and whether its state is bounded only by a declared parameter.
 *
 * <p>This enum is the public vocabulary. The aggregation engine maps each kind to its
 * implementation in one place.
 */
public enum AggregationKind {
  COUNT("count", InputRule.OPTIONAL_ANY, Set.of(), false),
  SUM("sum", InputRule.NUMERIC, Set.of(), true),
  MEAN("mean", InputRule.NUMERIC, Set.of(), true),
  MIN("min", InputRule.ORDERED, Set.of(), true),
  MAX("max", InputRule.ORDERED, Set.of(), true),
  FIRST("first", InputRule.ANY, Set.of(), true),
  LAST("last", InputRule.ANY, Set.of(), true),
  FIRST_N("first_n", InputRule.ANY, Set.of(Parameter.N), false),
  LAST_N("last_n", InputRule.ANY, Set.of(Parameter.N), false),
  LAST_DISTINCT_N("last_distinct_n", InputRule.ANY, Set.of(Parameter.N), false),
  COUNT_DISTINCT("count_distinct", InputRule.ANY, Set.of(Parameter.CAP), false),
  APPROX_COUNT_DISTINCT("approx_count_distinct", InputRule.ANY, Set.of(), false),
  VAR_SAMP("var_samp", InputRule.NUMERIC, Set.of(), true),
  VAR_POP("var_pop", InputRule.NUMERIC, Set.of(), true),
  STDDEV_SAMP("stddev_samp", InputRule.NUMERIC, Set.of(), true),
  STDDEV_POP("stddev_pop", InputRule.NUMERIC, Set.of(), true),
  APPROX_PERCENTILE("approx_percentile", InputRule.NUMERIC, Set.of(Parameter.P), true);

  /**
   * The largest {@code n} of the {@code _n} functions and the largest {@code cap} of exact {@code
   * count_distinct}: their state grows with these, and every tile carries that state.
   */
  public static final int MAX_BOUNDED_STATE = 1_000;

  /** A required parameter of a function. */
  public enum Parameter {
    /** How many values {@code first_n}, {@code last_n} and {@code last_distinct_n} keep. */
    N("n"),
    /** The percentile of {@code approx_percentile}, in [0, 1]. */
    P("p"),
    /** The most distinct values exact {@code count_distinct} keeps before it reports overflow. */
    CAP("cap");

    private final String jsonName;

    Parameter(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }
  }

  /** Which input columns a function accepts. */
  public enum InputRule {
    /** No input column needed (count of events); if one is given, counts its non-null values. */
    OPTIONAL_ANY(type -> true, "any column, or none"),
    ANY(type -> true, "a column of any type"),
    NUMERIC(ValueType::isNumeric, "a numeric column (long or double)"),
    ORDERED(ValueType::isOrdered, "a numeric or timestamp column");

    private final Predicate<ValueType> accepts;
    private final String description;

    InputRule(Predicate<ValueType> accepts, String description) {
      this.accepts = accepts;
      this.description = description;
    }

    public boolean accepts(ValueType type) {
      return accepts.test(type);
    }

    public boolean requiresColumn() {
      return this != OPTIONAL_ANY;
    }

    /** A phrase for validation messages: "sum needs a numeric column (long or double)". */
    public String description() {
      return description;
    }
  }

  private final String jsonName;
  private final InputRule inputRule;
  private final Set<Parameter> parameters;
  private final boolean acceptsDefault;

  AggregationKind(
      String jsonName, InputRule inputRule, Set<Parameter> parameters, boolean acceptsDefault) {
    this.jsonName = jsonName;
    this.inputRule = inputRule;
    this.parameters = parameters;
    this.acceptsDefault = acceptsDefault;
  }

  /** The name a definition uses, such as {@code approx_percentile}. */
  public String jsonName() {
    return jsonName;
  }

  public InputRule inputRule() {
    return inputRule;
  }

  /** The parameters this function requires; any other parameter is an error. */
  public Set<Parameter> parameters() {
    return parameters;
  }

  /**
   * Whether a feature may declare a default for empty windows. Functions whose empty value is
   * already meaningful (count 0, an empty list) do not take one.
   */
  public boolean acceptsDefault() {
    return acceptsDefault;
  }

  public static Optional<AggregationKind> fromJsonName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.jsonName.equals(name)).findFirst();
  }
}
