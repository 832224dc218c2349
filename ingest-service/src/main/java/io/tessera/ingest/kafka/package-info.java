/**
 * Kafka topic sources: one consumer group per view version ({@code <prefix>.<view>.v<version>}),
 * earliest offset for a view's first version, the previous version's committed offsets for later
 * ones, and manual commits only after the normalized records are acknowledged.
 */
package io.tessera.ingest.kafka;
