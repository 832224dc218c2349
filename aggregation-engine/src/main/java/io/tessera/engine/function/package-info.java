/**
 * The aggregation functions: one small contract ({@link
 * io.tessera.engine.function.AggregationFunction}: init / add / merge / finish, plus the IR payload
 * encoding), one file per function, and one place ({@link io.tessera.engine.function.Functions})
 * that maps a definition's {@code AggregationKind} and parameters to its implementation.
 */
package io.tessera.engine.function;
