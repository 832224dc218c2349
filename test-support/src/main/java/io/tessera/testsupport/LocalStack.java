package io.tessera.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The running local stack, as integration tests see it: one per test JVM.
 *
 * <p>{@link #get()} checks that Kafka, Cassandra, the Kinesis-API server and PostgreSQL answer; if
 * one does not, it runs {@code ./tessera infra start} once (which reuses what already runs) and
 * leaves the servers running for the next test run. It creates the shared test keyspace.
 */
public final class LocalStack {

  /** The one keyspace all integration tests share: schema changes cost about a second each. */
  public static final String TEST_KEYSPACE = "tessera_test";

  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  private static LocalStack instance;

  private final StackEndpoints endpoints;
  private final CqlSession session;

  private LocalStack(StackEndpoints endpoints) {
    this.endpoints = endpoints;
    this.session = openSession(endpoints);
    Runtime.getRuntime().addShutdownHook(new Thread(session::close, "local-stack-close"));
  }

  /** The running stack; starts it first when it is not running. */
  public static synchronized LocalStack get() {
    if (instance == null) {
      StackEndpoints endpoints = StackEndpoints.fromEnvironment();
      if (!allAnswer(endpoints)) {
        startWithLauncher();
      }
      instance = new LocalStack(endpoints);
    }
    return instance;
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  /** A session bound to {@link #TEST_KEYSPACE}, shared by all tests of this JVM. */
  public CqlSession cqlSession() {
    return session;
  }

  /** Client properties that reach the Kafka broker, to extend with producer or consumer ones. */
  public Map<String, Object> kafkaProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
    return properties;
  }

  /** The PostgreSQL server, its test database and the credentials to reach it. */
  public PostgresServer postgres() {
    return endpoints.postgres();
  }

  /**
   * A Kinesis client for the local Kinesis-API server (any credentials are accepted there). The
   * caller closes it.
   */
  public KinesisClient kinesisClient() {
    // kinesalite answers CBOR requests in a form the SDK cannot unmarshal; JSON works.
    System.setProperty("aws.cborEnabled", "false");
    return KinesisClient.builder()
        .endpointOverride(endpoints.kinesis())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static CqlSession openSession(StackEndpoints endpoints) {
    InetSocketAddress cassandra =
        new InetSocketAddress(
            endpoints.cassandra().getHostString(), endpoints.cassandra().getPort());
    try (CqlSession bootstrap =
        CqlSession.builder()
            .addContactPoint(cassandra)
            .withLocalDatacenter(endpoints.cassandraDatacenter())
            .build()) {
      bootstrap.execute(
          "CREATE KEYSPACE IF NOT EXISTS "
              + TEST_KEYSPACE
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }
    return CqlSession.builder()
        .addContactPoint(cassandra)
        .withLocalDatacenter(endpoints.cassandraDatacenter())
        .withKeyspace(TEST_KEYSPACE)
        .build();
  }

  private static boolean allAnswer(StackEndpoints endpoints) {
    return answers(endpoints.kafkaAddress())
        && answers(endpoints.cassandra())
        && answers(endpoints.kinesisAddress())
        && answers(endpoints.postgres().address());
  }

  private static boolean answers(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(address.getHostString(), address.getPort()),
          (int) CONNECT_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void startWithLauncher() {
    Path launcher = findLauncher();
    try {
      Process process =
          new ProcessBuilder(launcher.toString(), "infra", "start").inheritIO().start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "'" + launcher + " infra start' failed with exit code " + exit + "; see .stack/logs/");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local stack", e);
    }
  }

  /** The {@code tessera} launcher at the root of the checkout, found from the working folder. */
  private static Path findLauncher() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("tessera");
      if (Files.isExecutable(candidate) && Files.isDirectory(dir.resolve("local-stack"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the local stack is not running and no ./tessera launcher was found above "
            + Path.of("").toAbsolutePath()
            + "; start it with './tessera infra start'");
  }
}
