package io.tessera.engine.function;

/**
 * The value of exact {@code count_distinct} when a window holds more distinct values than the
 * declared cap: the count is only known to be above {@code cap}. Reported as a value, not an error,
 * so serving can mark it clearly instead of failing the request.
 *
 * @param cap the declared cap
 */
public record CapExceeded(int cap) {
  @Override
  public String toString() {
    return ">" + cap;
  }
}
