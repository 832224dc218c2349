/**
 * From raw bytes to a normalized event or a dead letter, identically for every source: size limit,
 * JSON decoding, the view's compiled transformation, entity key, event time and event id (declared,
 * or derived from the source position). No I/O here; the pipeline publishes the outcomes.
 */
package io.tessera.ingest.normalize;
