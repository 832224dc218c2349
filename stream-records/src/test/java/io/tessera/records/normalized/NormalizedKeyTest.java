package io.tessera.records.normalized;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizedKeyTest {

  @Test
  void roundTripsViewAndEntity() {
    NormalizedKey key = new NormalizedKey("transactions", "user|42");

    assertThat(NormalizedKey.decode(key.encode())).isEqualTo(key);
  }

  @Test
  void theSameEntityOfAnotherViewIsAnotherKey() {
    assertThat(new NormalizedKey("a", "bc").encode())
        .isNotEqualTo(new NormalizedKey("ab", "c").encode());
  }
}
