package io.tessera.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private static final String CI_KEY = "tsk_ci-key";
  private static final String GRAFANA_KEY = "tsk_grafana-key";

  private static String entry(String name, String scopes, String key) {
    return name + ":" + scopes + ":" + ApiKeys.hash(key);
  }

  @Test
  void hashesAKeyAsSha256sumDoes() {
    // printf %s abc | sha256sum
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void matchesEachConfiguredKeyToItsNameAndScopes() {
    ApiKeys keys =
        ApiKeys.parse(
            entry("ci", "read+write", CI_KEY) + ",\n  " + entry("grafana", "metrics", GRAFANA_KEY));

    assertThat(keys.match(CI_KEY)).contains(new ApiKey("ci", Set.of(Scope.READ, Scope.WRITE)));
    assertThat(keys.match(GRAFANA_KEY)).contains(new ApiKey("grafana", Set.of(Scope.METRICS)));
  }

  @Test
  void refusesAnUnknownAnEmptyOrAnAlmostRightKey() {
    ApiKeys keys = ApiKeys.parse(entry("ci", "write", CI_KEY));

    assertThat(keys.match("tsk_other")).isEmpty();
    assertThat(keys.match(CI_KEY + "x")).isEmpty();
    assertThat(keys.match(CI_KEY.substring(1))).isEmpty();
    assertThat(keys.match("")).isEmpty();
    assertThat(keys.match(null)).isEmpty();
  }

  @Test
  void theHashMayBeUpperCase() {
    ApiKeys keys = ApiKeys.parse("ci:write:" + ApiKeys.hash(CI_KEY).toUpperCase());

    assertThat(keys.match(CI_KEY)).map(ApiKey::name).contains("ci");
  }

  @Test
  void anAdminKeyGrantsEveryScope() {
    ApiKeys keys = ApiKeys.parse(entry("ops", "admin", CI_KEY));

    assertThat(keys.match(CI_KEY).orElseThrow().scopes()).containsExactlyInAnyOrder(Scope.values());
  }

  @Test
  void noConfigurationMeansNoKeyMatches() {
    assertThat(ApiKeys.parse("").isEmpty()).isTrue();
    assertThat(ApiKeys.parse(null).match(CI_KEY)).isEmpty();
    assertThat(ApiKeys.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void refusesAPlainKeyWhereTheHashBelongsAndNamesTheEntryButNotTheSecret() {
    assertThatThrownBy(() -> ApiKeys.parse("ci:write:s3cret-plain-key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ci'")
        .hasMessageContaining("SHA-256")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void refusesTheFormerNameSecretPairs() {
    assertThatThrownBy(() -> ApiKeys.parse("ci:s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name:scopes:sha256hex")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void refusesUnknownScopesRepeatedNamesAndRepeatedKeys() {
    assertThatThrownBy(() -> ApiKeys.parse(entry("ci", "read+root", CI_KEY)))
        .hasMessageContaining("unknown scope 'root'");
    assertThatThrownBy(
            () -> ApiKeys.parse(entry("ci", "read", CI_KEY) + "," + entry("ci", "write", "k2")))
        .hasMessageContaining("'ci' is configured twice");
    assertThatThrownBy(
            () -> ApiKeys.parse(entry("a", "read", CI_KEY) + "," + entry("b", "write", CI_KEY)))
        .hasMessageContaining("same hash");
    assertThatThrownBy(() -> ApiKeys.parse(":write:" + ApiKeys.hash(CI_KEY)))
        .hasMessageContaining("is not name:scopes:sha256hex");
  }

  /**
   * Every configured hash is compared, whichever matches: with a thousand keys, matching the first
   * takes as long as matching the last or none. A lookup that stopped at the match would be about a
   * hundred times faster for the first key; the bound below only has to catch that.
   */
  @Test
  void takesAsLongForTheFirstKeyAsForTheLastOrForNone() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      entries.add(entry("key" + i, "read", "tsk_key_" + i));
    }
    ApiKeys keys = ApiKeys.parse(String.join(",", entries));
    long[] first = new long[3001];
    long[] last = new long[3001];
    long[] none = new long[3001];

    for (int round = 0; round < first.length; round++) {
      first[round] = timed(keys, "tsk_key_0");
      last[round] = timed(keys, "tsk_key_999");
      none[round] = timed(keys, "tsk_nobody");
    }

    assertThat((double) median(first) / median(last)).isBetween(0.5, 2.0);
    assertThat((double) median(first) / median(none)).isBetween(0.5, 2.0);
  }

  private static long timed(ApiKeys keys, String presented) {
    long start = System.nanoTime();
    boolean found = keys.match(presented).isPresent();
    long elapsed = System.nanoTime() - start;
    return found || presented.equals("tsk_nobody") ? elapsed : -1;
  }

  private static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
