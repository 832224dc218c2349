package io.tessera.harness.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * How far a serving follower has applied each partition of the normalized topic, read from its
 * {@code tessera.serving.follower.position} gauge: once it is at or past the topic offsets a client
 * saw its records at, every one of them is readable there.
 */
public final class FollowerPositions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  // one client (its pool and selector thread) for every instance: Java 17's cannot be closed
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private final URI base;
  private final Map<String, String> headers;

  /**
   * @param base the serving instance's HTTP base address
   * @param headers sent with every request (credentials)
   */
  public FollowerPositions(URI base, Map<String, String> headers) {
    this.base = base;
    this.headers = Map.copyOf(headers);
  }

  /**
   * Whether every partition named has been applied up to (excluding) its offset; false while the
   * instance does not answer (restarting) or has not started following.
   */
  public boolean reached(Map<Integer, Long> offsets) {
    for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
      if (position(offset.getKey()) < offset.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** The next offset the follower applies on {@code partition}; -1 when unknown. */
  public long position(int partition) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                base.resolve(
                    "/actuator/metrics/tessera.serving.follower.position?tag=partition:"
                        + partition))
            .timeout(TIMEOUT);
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return -1;
      }
      JsonNode measurements = JSON.readTree(response.body()).path("measurements");
      return measurements.isEmpty() ? -1 : (long) measurements.get(0).path("value").asDouble();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
