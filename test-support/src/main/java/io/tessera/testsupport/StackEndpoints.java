package io.tessera.testsupport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * Where the servers of the local stack answer. The same environment variables configure the
 * services, so tests and services always agree.
 *
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port}
 * @param cassandra the Cassandra native-protocol address
 * @param cassandraDatacenter the local datacenter name the driver needs
 * @param cassandraJmxPort the node's JMX port on the loopback interface (bulk imports)
 * @param kinesis the Kinesis-API endpoint
 * @param postgres the PostgreSQL server and its test database
 */
public record StackEndpoints(
    String kafkaBootstrap,
    InetSocketAddress cassandra,
    String cassandraDatacenter,
    int cassandraJmxPort,
    URI kinesis,
    PostgresServer postgres) {

  public static StackEndpoints fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static StackEndpoints fromEnvironment(Map<String, String> env) {
    String contactPoint = env.getOrDefault("TESSERA_CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042");
    String first = contactPoint.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    return new StackEndpoints(
        env.getOrDefault("TESSERA_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
        InetSocketAddress.createUnresolved(
            first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
        env.getOrDefault("TESSERA_CASSANDRA_DATACENTER", "datacenter1"),
        Integer.parseInt(env.getOrDefault("TESSERA_CASSANDRA_JMX_PORT", "7199")),
        URI.create(env.getOrDefault("TESSERA_KINESIS_ENDPOINT", "http://127.0.0.1:4567")),
        PostgresServer.fromEnvironment(env));
  }

  /** Host and port of the first Kafka bootstrap server. */
  InetSocketAddress kafkaAddress() {
    String first = kafkaBootstrap.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    return InetSocketAddress.createUnresolved(
        first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
  }

  InetSocketAddress kinesisAddress() {
    return InetSocketAddress.createUnresolved(kinesis.getHost(), kinesis.getPort());
  }
}
