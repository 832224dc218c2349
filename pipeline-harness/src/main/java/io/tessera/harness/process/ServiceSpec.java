package io.tessera.harness.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start one service instance: which module's exec jar, under which name (logs), on which
 * port, with which environment and Spring arguments ({@code --key=value}, which outrank every other
 * property source).
 *
 * @param module the Maven module, such as {@code ingest-service}
 * @param instance a name for this instance's logs, such as {@code aggregation-2}
 * @param port the HTTP port (health, metrics, the API)
 * @param jvmOptions options before {@code -jar}, such as the heap size
 * @param environment variables added to this JVM's own environment
 * @param arguments Spring Boot command-line properties, without the leading {@code --}
 */
public record ServiceSpec(
    String module,
    String instance,
    int port,
    List<String> jvmOptions,
    Map<String, String> environment,
    Map<String, String> arguments) {

  /**
   * Small heaps, the serial collector and C1 only: several service JVMs share two cores with Kafka
   * and Cassandra, and the tests need them to start fast more than to run at full speed.
   */
  public static final List<String> TEST_JVM =
      List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * The production flags ({@code local-stack/jvm/service.options}, as {@code ./tessera up} and the
   * images use them) with a fixed heap: what benchmarks run the services with.
   */
  public static List<String> productionJvm(String heap) {
    return List.of(
        "@" + RepositoryRoot.find().resolve("local-stack/jvm/service.options"),
        "-Xms" + heap,
        "-Xmx" + heap);
  }

  public ServiceSpec {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(instance, "instance");
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
    arguments = Map.copyOf(arguments);
  }

  /** The same instance with one more Spring property. */
  public ServiceSpec withArgument(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(arguments);
    more.put(key, value);
    return new ServiceSpec(module, instance, port, jvmOptions, environment, more);
  }

  /** Another instance of the same service: its own name and port, the same configuration. */
  public ServiceSpec asInstance(String otherInstance, int otherPort) {
    return new ServiceSpec(module, otherInstance, otherPort, jvmOptions, environment, arguments);
  }

  public ServiceSpec withJvmOptions(List<String> options) {
    return new ServiceSpec(module, instance, port, options, environment, arguments);
  }
}
