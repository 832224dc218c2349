/**
 * The row-level transformation of a view in CEL: compiled and type-checked once, at registration,
 * against the payload schema; then applied to every event by ingest and by backfill through the
 * same {@link io.tessera.definitions.transform.CompiledTransformation}. Expressions run in a
 * sandbox: only CEL's standard functions, no macros or comprehensions, bounded size and nesting.
 */
package io.tessera.definitions.transform;
