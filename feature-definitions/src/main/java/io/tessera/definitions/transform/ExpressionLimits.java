package io.tessera.definitions.transform;

/**
 * Bounds on one expression. CEL has no loops and the sandbox has no comprehensions, so evaluation
 * cost grows with the expression's size; bounding the size bounds the cost per event.
 */
public final class ExpressionLimits {

  /** Longest expression, in code points: a row-level rule longer than this belongs upstream. */
  public static final int MAX_CODE_POINTS = 2_048;

  /** Most AST nodes in one expression: each node is at most one cheap operation per event. */
  public static final int MAX_NODES = 256;

  /** Deepest nesting: keeps the recursive parser and interpreter far from stack exhaustion. */
  public static final int MAX_NESTING = 32;

  private ExpressionLimits() {}
}
