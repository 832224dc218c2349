/**
 * HTTP push: {@code POST /api/v1/push/{view}} with a JSON array of events, validated as a whole,
 * answered after the events are durably in Kafka; bad bodies get problem+json with every bad event
 * listed by index.
 */
package io.tessera.ingest.push;
