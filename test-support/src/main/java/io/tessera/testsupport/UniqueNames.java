package io.tessera.testsupport;

import java.util.UUID;

/**
 * Names that no other test, and no earlier run, uses: tests share one Kafka cluster, one keyspace
 * and one Kinesis server, and stay out of each other's data by naming their topics, tables,
 * streams, views and entities with these.
 *
 * <p>The result is lower case letters, digits and underscores: valid as a Cassandra identifier, a
 * Kafka topic, a Kinesis stream and a feature-view name.
 */
public final class UniqueNames {
  private UniqueNames() {}

  /** {@code prefix} followed by an underscore and 12 random hex digits. */
  public static String of(String prefix) {
    if (!prefix.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("prefix must be lower_snake_case: " + prefix);
    }
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
