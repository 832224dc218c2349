/**
 * The OpenAPI console's request examples: one real definition per source kind (Kafka and Kinesis
 * streams; Parquet, CSV, JSON-lines and JDBC backfills), the same ones {@code docs/definitions.md}
 * shows, kept as resources under {@code openapi/examples/} and checked valid by a test.
 */
package io.tessera.registry.openapi;
