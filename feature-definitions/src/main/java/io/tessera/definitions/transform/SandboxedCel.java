package io.tessera.definitions.transform;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelMathExtensions;
import dev.cel.extensions.CelStringExtensions;
import java.util.Map;

/**
 * The one place that configures CEL for definitions. The environment declares the columns as
 * variables and nothing else: CEL's standard functions (arithmetic, comparisons, string functions,
 * timestamps and durations) and its pure string and math extensions; no custom functions, no
 * protobuf message types, no standard macros (so no comprehensions). CEL itself offers no way to
 * name a Java class, open a file or a socket.
 */
final class SandboxedCel {

  static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(ExpressionLimits.MAX_CODE_POINTS)
          .maxParseExpressionNodeCount(ExpressionLimits.MAX_NODES)
          .maxParseRecursionDepth(ExpressionLimits.MAX_NESTING)
          .enableComprehension(false)
          // timestamps as java.time.Instant rather than protobuf messages
          .evaluateCanonicalTypesToNativeValues(true)
          // lets a data scientist write amount > 10 for a double column
          .enableHeterogeneousNumericComparisons(true)
          .enableTimestampEpoch(true)
          .build();

  // Pure functions on values: lowerAscii, trim, replace, substring...; floor, round, abs...
  private static final CelStringExtensions STRINGS = CelExtensions.strings();
  private static final CelMathExtensions MATH = CelExtensions.math(OPTIONS);

  private SandboxedCel() {}

  /** An environment whose only variables are {@code variables}. */
  static Cel withVariables(Map<String, CelType> variables) {
    CelBuilder builder =
        CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .addCompilerLibraries(STRINGS, MATH)
            .addRuntimeLibraries(STRINGS, MATH);
    variables.forEach(builder::addVar);
    return builder.build();
  }
}
