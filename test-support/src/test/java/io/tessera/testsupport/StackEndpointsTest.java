package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackEndpointsTest {

  @Test
  void defaultsToTheLocalStackPorts() {
    StackEndpoints endpoints = StackEndpoints.fromEnvironment(Map.of());

    assertThat(endpoints.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(endpoints.cassandra().getPort()).isEqualTo(9042);
    assertThat(endpoints.cassandraJmxPort()).isEqualTo(7199);
    assertThat(endpoints.kinesis().getPort()).isEqualTo(4567);
    assertThat(endpoints.postgres().jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5433/tessera");
    assertThat(endpoints.postgres().user()).isEqualTo("tessera");
  }

  @Test
  void readsTheSameVariablesAsTheServices() {
    StackEndpoints endpoints =
        StackEndpoints.fromEnvironment(
            Map.of(
                "TESSERA_KAFKA_BOOTSTRAP", "kafka-1:19092,kafka-2:19092",
                "TESSERA_CASSANDRA_CONTACT_POINTS", "cass-1:19042, cass-2:19042",
                "TESSERA_CASSANDRA_JMX_PORT", "17199",
                "TESSERA_KINESIS_ENDPOINT", "http://kinesis:14567",
                "TESSERA_POSTGRES_PORT", "15433",
                "TESSERA_POSTGRES_USER", "someone",
                "TESSERA_POSTGRES_PASSWORD", "secret"));

    assertThat(endpoints.kafkaAddress().getHostString()).isEqualTo("kafka-1");
    assertThat(endpoints.cassandra().getHostString()).isEqualTo("cass-1");
    assertThat(endpoints.cassandra().getPort()).isEqualTo(19042);
    assertThat(endpoints.cassandraJmxPort()).isEqualTo(17199);
    assertThat(endpoints.kinesisAddress().getPort()).isEqualTo(14567);
    assertThat(endpoints.postgres().address().getPort()).isEqualTo(15433);
    assertThat(endpoints.postgres().user()).isEqualTo("someone");
    assertThat(endpoints.postgres().password()).isEqualTo("secret");
    assertThat(endpoints.postgres().toString()).doesNotContain("secret");
  }

  @Test
  void uniqueNamesAreValidIdentifiersAndDiffer() {
    String a = UniqueNames.of("view");
    String b = UniqueNames.of("view");

    assertThat(a).matches("view_[0-9a-f]{12}").isNotEqualTo(b);
    assertThatThrownBy(() -> UniqueNames.of("Bad-Prefix"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
