/**
 * The ingest service: raw events from Kafka topics, Kinesis streams and HTTP push, normalized by
 * each feature view's transformation, out to the normalized-events topic; bad events to the
 * dead-letter topic with their reason. See {@code docs/ingest.md}.
 */
package io.tessera.ingest;
