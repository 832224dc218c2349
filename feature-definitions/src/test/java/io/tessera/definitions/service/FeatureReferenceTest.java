package io.tessera.definitions.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FeatureReferenceTest {

  @Test
  void parsesUnpinnedAndPinnedReferences() {
    assertThat(FeatureReference.parse("user_tx:spend"))
        .isEqualTo(new FeatureReference("user_tx", OptionalInt.empty(), "spend"));
    FeatureReference pinned = FeatureReference.parse("user_tx@3:spend");
    assertThat(pinned.version()).hasValue(3);
    assertThat(pinned).hasToString("user_tx@3:spend");
  }

  @Test
  void rejectsMalformedReferences() {
    for (String text : List.of("spend", "user_tx@:spend", "user_tx@0:spend", "a:b:c", "a@1")) {
      assertThatThrownBy(() -> FeatureReference.parse(text))
          .hasMessageContaining("is not a feature reference");
    }
  }
}
