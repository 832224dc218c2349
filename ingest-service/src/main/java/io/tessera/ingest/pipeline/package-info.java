/**
 * The normalize-publish-commit core that the Kafka, Kinesis, push and replay paths share: one
 * idempotent {@code acks=all} producer, normalized events keyed by (view, entity) with the source
 * time as record timestamp, dead letters keyed by view, and the ingest metrics.
 */
package io.tessera.ingest.pipeline;
