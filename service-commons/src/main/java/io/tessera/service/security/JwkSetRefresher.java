package io.tessera.service.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's signing keys, fetched and kept current by a background thread, never by a
 * request. A token is checked against the keys in memory; one signed with a key not (yet) there is
 * refused at once and asks for an early refresh. So verifying a token never waits on the network: a
 * flood of forged tokens costs a parse each, the event loops of serving (REST and gRPC) never
 * block, and an identity provider that is down delays nothing but its own rotations.
 *
 * <p>Providers publish a new key before signing with it, so the periodic refresh normally has it in
 * time; if not, the first request with the new key gets 401 and a retry moments later passes.
 *
 * <p>With only an issuer configured, the JWK set's address comes from the issuer's discovery
 * document ({@code /.well-known/openid-configuration}), read in the same background refresh.
 */
final class JwkSetRefresher implements JWKSource<SecurityContext>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JwkSetRefresher.class);

  /** A set larger than this is not a JWK set (real ones are a few KB). */
  private static final int MAX_BYTES = 1 << 20;

  /** Retry interval while no key set could be loaded yet. */
  private static final Duration RETRY = Duration.ofSeconds(5);

  /** Unknown keys ask for a refresh at most this often, so forged tokens cannot drive fetches. */
  private static final Duration MIN_ON_DEMAND_GAP = Duration.ofSeconds(10);

  private final URI jwkSetUri;
  private final String issuer;
  private final Duration interval;
  private final HttpClient http;
  private final ScheduledExecutorService executor;
  private final AtomicLong lastOnDemandNanos = new AtomicLong(System.nanoTime() - gapNanos());
  private volatile JWKSet keys = new JWKSet();
  private volatile URI resolvedUri;

  /**
   * @param jwkSetUri where the keys are, or null to discover it from {@code issuer}
   * @param issuer the issuer, for discovery; null when {@code jwkSetUri} is given
   * @param interval how often the keys are fetched again
   */
  JwkSetRefresher(URI jwkSetUri, String issuer, Duration interval) {
    this.jwkSetUri = jwkSetUri;
    this.issuer = issuer;
    this.interval = interval;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tessera-jwk-refresh");
              thread.setDaemon(true);
              return thread;
            });
    executor.execute(this::refreshAndReschedule);
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    List<JWK> found = selector.select(keys);
    if (found.isEmpty()) {
      requestRefresh();
    }
    return found;
  }

  /** Whether at least one fetch succeeded. */
  boolean loaded() {
    return !keys.getKeys().isEmpty();
  }

  private void requestRefresh() {
    long now = System.nanoTime();
    long last = lastOnDemandNanos.get();
    if (now - last >= gapNanos() && lastOnDemandNanos.compareAndSet(last, now)) {
      executor.execute(this::refresh);
    }
  }

  private void refreshAndReschedule() {
    boolean ok = refresh();
    if (!executor.isShutdown()) {
      Duration next = ok || loaded() ? interval : RETRY;
      executor.schedule(this::refreshAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private boolean refresh() {
    try {
      URI uri = resolvedUri != null ? resolvedUri : jwkSetUri != null ? jwkSetUri : discover();
      resolvedUri = uri;
      JWKSet fetched = JWKSet.parse(fetch(uri)).toPublicJWKSet();
      if (!fetched.getKeys().equals(keys.getKeys())) {
        log.info("JWT signing keys from {}: {} key(s)", uri, fetched.getKeys().size());
      }
      keys = fetched;
      return true;
    } catch (IOException | ParseException | RuntimeException e) {
      log.warn(
          "cannot load the JWT signing keys (tokens are refused until it works): {}", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private URI discover() throws IOException, InterruptedException, ParseException {
    URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    Map<String, Object> document = JSONObjectUtils.parse(fetch(discovery));
    if (!issuer.equals(document.get("issuer"))) {
      throw new IllegalStateException(
          "the discovery document at "
              + discovery
              + " names another issuer: "
              + document.get("issuer"));
    }
    Object uri = document.get("jwks_uri");
    if (!(uri instanceof String text)) {
      throw new IllegalStateException(
          "the discovery document at " + discovery + " has no jwks_uri");
    }
    return URI.create(text);
  }

  private String fetch(URI uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode());
    }
    if (response.body().length > MAX_BYTES) {
      throw new IOException(uri + " sent more than " + MAX_BYTES + " bytes");
    }
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long gapNanos() {
    return MIN_ON_DEMAND_GAP.toNanos();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
