/**
 * The aggregation functions: one small contract ({@link
 * io.tessera.engine.function.AggregationFunction}: init / add / merge / finish, plus the IR payload
 * encoding), one file per function or per family of functions that share an IR and its payload (min
 * and max, first and last, first_n and last_n, the four variances, a double sum and mean), and one
 * place ({@link io.tessera.engine.function.Functions}) that maps a definition's {@code
 * AggregationKind} and parameters to its implementation.
 */
package io.tessera.engine.function;
