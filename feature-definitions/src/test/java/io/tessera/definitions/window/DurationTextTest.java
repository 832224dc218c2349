package io.tessera.definitions.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void parsesAndFormatsCanonically() {
    assertThat(DurationText.parseMs("90s")).isEqualTo(90_000L);
    assertThat(DurationText.parseMs("0s")).isZero();
    assertThat(DurationText.format(DurationText.parseMs("60m"))).isEqualTo("1h");
    assertThat(DurationText.format(DurationText.parseMs("1500ms"))).isEqualTo("1500ms");
    assertThat(DurationText.format(0)).isEqualTo("0s");
  }

  @Test
  void rejectsDurationsWithoutAUnitOrWithSpaces() {
    for (String text : List.of("", "10", "1 h", "-1h", "1.5h", "01h", "1w")) {
      assertThatThrownBy(() -> DurationText.parseMs(text))
          .hasMessageContaining("is not a duration");
    }
  }

  @Test
  void windowsAreDurationsOrLifetime() {
    assertThat(WindowSpec.parse("7d").sizeMs()).isEqualTo(7 * 86_400_000L);
    assertThat(WindowSpec.parse("lifetime").isLifetime()).isTrue();
    assertThatThrownBy(() -> WindowSpec.parse("0s")).hasMessageContaining("is not a window");
  }
}
