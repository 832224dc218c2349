package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestApiKeysTest {

  @Test
  void eachConfiguredHashIsTheSha256OfItsKey() throws Exception {
    Map<String, String> keyByName =
        Map.of(
            "reader", TestApiKeys.READ,
            "writer", TestApiKeys.WRITE,
            "scraper", TestApiKeys.METRICS,
            "operator", TestApiKeys.ADMIN,
            "ci", TestApiKeys.READ_WRITE);

    String[] entries = TestApiKeys.CONFIGURED.split(",");

    assertThat(entries).hasSize(keyByName.size());
    for (String entry : entries) {
      String[] parts = entry.split(":");
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(keyByName.get(parts[0]).getBytes(StandardCharsets.UTF_8));
      assertThat(parts[2]).as(parts[0]).isEqualTo(HexFormat.of().formatHex(hash));
    }
  }
}
