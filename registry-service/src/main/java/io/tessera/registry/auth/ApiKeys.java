package io.tessera.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured keys: {@code name:secret} pairs separated by commas, such as {@code
 * ci:s3cret,alice:other}. No keys means every protected request is refused.
 */
public final class ApiKeys {

  private final Map<String, byte[]> secretsByName;

  private ApiKeys(Map<String, byte[]> secretsByName) {
    this.secretsByName = secretsByName;
  }

  /**
   * @throws IllegalArgumentException for a pair without a name or secret, or a repeated name
   */
  public static ApiKeys parse(String configured) {
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    for (String pair : configured == null ? new String[0] : configured.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int colon = pair.indexOf(':');
      String name = colon < 0 ? "" : pair.substring(0, colon).trim();
      String secret = colon < 0 ? "" : pair.substring(colon + 1).trim();
      if (name.isEmpty() || secret.isEmpty()) {
        throw new IllegalArgumentException(
            "API keys are name:secret pairs separated by commas; one is not: '"
                + (colon < 0 ? "<no colon>" : name + ":***")
                + "'");
      }
      if (secrets.put(name, secret.getBytes(StandardCharsets.UTF_8)) != null) {
        throw new IllegalArgumentException("API key name '" + name + "' is configured twice");
      }
    }
    return new ApiKeys(secrets);
  }

  /** The name of the key {@code presented}; compares every secret in constant time. */
  public Optional<String> principalFor(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    String match = null;
    for (Map.Entry<String, byte[]> entry : secretsByName.entrySet()) {
      if (MessageDigest.isEqual(entry.getValue(), bytes) && match == null) {
        match = entry.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  public boolean isEmpty() {
    return secretsByName.isEmpty();
  }
}
