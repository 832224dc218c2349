package io.tessera.ingest.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.watermark.ViewVersion;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InstanceWatermarksTest {

  private static final ViewVersion TX = new ViewVersion("tx", 2);
  private final InstanceWatermarks watermarks = new InstanceWatermarks();

  @Test
  void isTheMinimumOverTheViewVersionsSources() {
    SourceWatermark old = watermarks.register("tx", 2);
    SourceWatermark restarted = watermarks.register("tx", 2);
    old.published("0", 4_000);
    restarted.published("1", 7_000);

    assertThat(watermarks.read(10_000)).containsEntry(TX, OptionalLong.of(4_000));
  }

  @Test
  void isHeldBackWhileOneSourceIsUnknown() {
    SourceWatermark source = watermarks.register("tx", 2);
    source.assigned("0");

    assertThat(watermarks.read(10_000)).containsEntry(TX, OptionalLong.empty());
  }

  @Test
  void pushCapsItAtTheWallClockButNeverPublishesOnItsOwn() {
    watermarks.pushed("tx", 2); // no stream source read here: no watermark
    assertThat(watermarks.read(10_000)).isEmpty();

    SourceWatermark source = watermarks.register("tx", 2);
    source.published("0", 12_000);
    assertThat(watermarks.read(10_000)).containsEntry(TX, OptionalLong.of(12_000));

    watermarks.pushed("tx", 2);
    assertThat(watermarks.read(10_000)).containsEntry(TX, OptionalLong.of(10_000));
  }

  @Test
  void aViewVersionThatReadsNothingHereHasNoWatermark() {
    SourceWatermark source = watermarks.register("tx", 2);
    source.published("0", 4_000);
    source.revoked("0");

    assertThat(watermarks.read(10_000)).isEmpty();

    source.published("0", 5_000);
    watermarks.unregister(source);
    assertThat(watermarks.read(10_000)).isEmpty();
  }
}
