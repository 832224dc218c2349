package io.tessera.testsupport;

/**
 * API keys every test configures its services with, one per scope, and the configuration that holds
 * their hashes ({@code tessera.security.api-keys}). Constants, so that an annotation can name them:
 * {@code @SpringBootTest(properties = TestApiKeys.PROPERTY)}. {@code TestApiKeysTest} checks that
 * each hash is the SHA-256 of its key.
 */
public final class TestApiKeys {
  private TestApiKeys() {}

  /** Scope {@code read}, named {@code reader}. */
  public static final String READ = "test-read-key-0001";

  /** Scope {@code write}, named {@code writer}. */
  public static final String WRITE = "test-write-key-0002";

  /** Scope {@code metrics}, named {@code scraper}. */
  public static final String METRICS = "test-metrics-key-0003";

  /** Scope {@code admin} (which implies the others), named {@code operator}. */
  public static final String ADMIN = "test-admin-key-0004";

  /** Scopes {@code read} and {@code write}, named {@code ci}. */
  public static final String READ_WRITE = "test-readwrite-key-0005";

  /** The value of {@code tessera.security.api-keys} (or {@code TESSERA_API_KEYS}). */
  public static final String CONFIGURED =
      "reader:read:0274560aac804cd0ae75370f97c0335fa14494415579855b47c533a7378ca0f2,"
          + "writer:write:3c7f18b7c9ebb8b837d975e0eec66197724bc4fa296724023cd7a9b300e01aa6,"
          + "scraper:metrics:f7b845c2e433bfaf616075a5bebb149ca50d306bbdf61b8f6e621c9fe03bf0e5,"
          + "operator:admin:214370226ebeeceb1f9e834663b0adb428b89b9c39ed51ba1ba67914078a8919,"
          + "ci:read+write:adb3eee85a6f343f1af11ca81aba350c304a50ec5e318c23358b6a5c26705c29";

  /** The property that configures the keys, for {@code @SpringBootTest(properties = ...)}. */
  public static final String PROPERTY = "tessera.security.api-keys=" + CONFIGURED;

  /** The environment variable a service process reads them from. */
  public static final String ENVIRONMENT_VARIABLE = "TESSERA_API_KEYS";

  /** The {@code Authorization} value that sends {@code key}. */
  public static String bearer(String key) {
    return "Bearer " + key;
  }
}
