package io.tessera.definitions.version;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.view.FeatureView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a definition: lower-case hex SHA-256 of the UTF-8 bytes of its canonical JSON
 * (RFC 8785), taken after defaults are filled in. Equal content gives equal hashes, whatever the
 * field order, whitespace, duration spelling ({@code 60m} or {@code 1h}) or the order of a view's
 * features and windows; the registry uses it to make a repeated PUT the same version.
 */
public final class ContentHash {

  private ContentHash() {}

  public static String of(FeatureView view) {
    return sha256(canonicalJson(view));
  }

  /** A service's hash; its feature order is the vector order, so it counts. */
  public static String of(FeatureService service) {
    return sha256(CanonicalJson.write(DefinitionJson.toTree(service)));
  }

  /** The exact text that {@link #of(FeatureView)} hashes. */
  public static String canonicalJson(FeatureView view) {
    return CanonicalJson.write(CanonicalForm.of(view));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
