package io.tessera.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The local stack listens on loopback only: what {@code local-stack/} tells each process, read from
 * the files the launcher uses (the processes themselves: {@code LocalKinesisListensOnLoopbackIT},
 * {@code GrpcServerTest}). A developer's stack has no real credentials, so none of it may be
 * reachable from the network.
 */
class LocalStackLoopbackTest {

  private static final Path STACK = Path.of("..", "local-stack");

  @Test
  void kafkaListensOnLoopbackOnly() throws IOException {
    String properties = Files.readString(STACK.resolve("kafka/server.properties.template"));

    for (String key : List.of("listeners", "advertised.listeners")) {
      Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(properties);
      assertThat(line.find()).as(key).isTrue();
      for (String listener : line.group(1).split(",")) {
        assertThat(listener).as(key).matches("[A-Z]+://127\\.0\\.0\\.1:@[A-Z_]+@");
      }
    }
  }

  @Test
  void cassandraListensOnLoopbackOnly() throws IOException {
    String yaml = Files.readString(STACK.resolve("cassandra/cassandra.yaml.template"));

    assertThat(yaml).containsPattern("(?m)^listen_address: 127\\.0\\.0\\.1$");
    assertThat(yaml).containsPattern("(?m)^rpc_address: 127\\.0\\.0\\.1$");
    assertThat(yaml)
        .doesNotContainPattern("(?m)^(broadcast_rpc_address|listen_interface|rpc_interface):");
  }

  @Test
  void postgresListensOnLoopbackOnlyAndAlwaysAsksForAPassword() throws IOException {
    String conf = Files.readString(STACK.resolve("postgres/postgresql.conf.template"));
    String hba = Files.readString(STACK.resolve("postgres/pg_hba.conf"));

    assertThat(conf).containsPattern("(?m)^listen_addresses = '127\\.0\\.0\\.1'$");
    // no Unix socket, so no peer login of a local user either
    assertThat(conf).containsPattern("(?m)^unix_socket_directories = ''$");
    for (String line : hba.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
      assertThat(line).matches("host\\s+\\S+\\s+\\S+\\s+127\\.0\\.0\\.1/32\\s+scram-sha-256");
    }
  }

  @Test
  void theLauncherBindsKinesisAndEveryServiceToLoopback() throws IOException {
    String stack = Files.readString(STACK.resolve("stack.sh"));

    assertThat(stack).containsPattern("(?m)^BIND_ADDRESS=127\\.0\\.0\\.1$");
    // kinesalite's CLI listens on every interface: the launcher starts listen.js instead
    assertThat(stack)
        .contains("kinesis/listen.js\" --host \"$BIND_ADDRESS\"")
        .doesNotContain(".bin/kinesalite\" --port");
    // Spring Boot's server.address: HTTP, and serving's gRPC, which follows it
    assertThat(stack).contains("export SERVER_ADDRESS=\"$BIND_ADDRESS\"");
    // Cassandra's JMX port is local-only (cassandra.jmx.local.port, not .remote.port)
    assertThat(stack).contains("-Dcassandra.jmx.local.port=").doesNotContain("jmx.remote.port");
    assertThat(Files.readString(STACK.resolve("kinesis/listen.js")))
        .contains("argv.host || '127.0.0.1'");
  }
}
