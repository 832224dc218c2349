package io.tessera.ingest.kinesis;

import io.tessera.definitions.view.KinesisSource;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * One Kinesis client per (endpoint, region), shared by every view that reads there. The endpoint is
 * the view's own if it names one, else {@code tessera.kinesis.endpoint} if set, else AWS's endpoint
 * of the view's region.
 */
final class KinesisClients implements AutoCloseable {

  static {
    // The local Kinesis-API server (kinesalite) answers CBOR in a form the SDK cannot read; JSON
    // works with it and with AWS alike. Must be set before the first client is built.
    if (System.getProperty("aws.cborEnabled") == null) {
      System.setProperty("aws.cborEnabled", "false");
    }
  }

  private final Optional<String> defaultEndpoint;
  private final Map<String, KinesisClient> clients = new ConcurrentHashMap<>();

  KinesisClients(Optional<String> defaultEndpoint) {
    this.defaultEndpoint = defaultEndpoint.filter(e -> !e.isBlank());
  }

  KinesisClient clientFor(KinesisSource source) {
    Optional<String> endpoint = source.endpoint().or(() -> defaultEndpoint);
    return clients.computeIfAbsent(
        endpoint.orElse("aws") + "|" + source.region(),
        key -> {
          KinesisClientBuilder builder =
              KinesisClient.builder()
                  .region(Region.of(source.region()))
                  .httpClient(UrlConnectionHttpClient.create())
                  // AWS credentials from the usual chain; a local server accepts any.
                  .credentialsProvider(
                      AwsCredentialsProviderChain.of(
                          DefaultCredentialsProvider.builder().build(),
                          StaticCredentialsProvider.create(
                              AwsBasicCredentials.create("local", "local"))));
          endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
          return builder.build();
        });
  }

  @Override
  public void close() {
    clients.values().forEach(KinesisClient::close);
  }
}
