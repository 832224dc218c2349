package io.tessera.definitions.validation;

import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.view.KinesisSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Kinesis endpoints a view's source may name ({@code source.endpoint}), configured by whoever
 * runs the platform: ingest sends signed requests (with its AWS credentials) to that endpoint, so a
 * definition must not pick it freely. A source without an endpoint reads AWS's endpoint of its
 * region and is always allowed. Endpoints are compared by scheme, host and port (the scheme's
 * default port when none is written); a path or a trailing slash does not matter.
 */
public final class KinesisEndpoints {

  private final Set<String> allowed;

  private KinesisEndpoints(Set<String> allowed) {
    this.allowed = allowed;
  }

  /** The given endpoints; blank entries are ignored, an unparseable one is refused. */
  public static KinesisEndpoints allowing(Collection<String> endpoints) {
    return new KinesisEndpoints(
        endpoints.stream()
            .filter(endpoint -> endpoint != null && !endpoint.isBlank())
            .map(
                endpoint ->
                    key(endpoint.strip())
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "not an http or https endpoint URL: " + endpoint)))
            .collect(Collectors.toUnmodifiableSet()));
  }

  public boolean allows(String endpoint) {
    return key(endpoint).map(allowed::contains).orElse(false);
  }

  /** Why {@code view}'s source may not be read, if its endpoint is not allowed. */
  public Optional<Problem> check(FeatureView view) {
    if (!(view.source() instanceof KinesisSource kinesis) || kinesis.endpoint().isEmpty()) {
      return Optional.empty();
    }
    String endpoint = kinesis.endpoint().get();
    if (allows(endpoint)) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            "$.source.endpoint",
            "'"
                + endpoint
                + "' is not an allowed Kinesis endpoint (tessera.kinesis.allowed-endpoints);"
                + " leave it out to read AWS's endpoint of the region"));
  }

  /** {@code scheme://host:port}, lower case, with the scheme's default port made explicit. */
  private static Optional<String> key(String endpoint) {
    try {
      URI uri = new URI(endpoint);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return Optional.empty();
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
