package io.tessera.records.watermark;

import static io.tessera.records.watermark.PartitionWatermarks.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.normalized.Watermark;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {
  private final PartitionWatermarks watermarks = new PartitionWatermarks(30_000);

  @Test
  void aViewHasNoWatermarkBeforeItsFirstRecord() {
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(NONE);
  }

  @Test
  void isTheMinimumOverLivePublishersAndNeverMovesBack() {
    watermarks.apply(new Watermark("v", 1, "a", 1_000, 100));
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(1_000);
    watermarks.apply(new Watermark("v", 1, "b", 500, 110)); // a new publisher, behind: held
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(1_000);
    watermarks.apply(new Watermark("v", 1, "b", 1_500, 120));
    watermarks.apply(new Watermark("v", 1, "a", 2_000, 130));
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(1_500);
  }

  @Test
  void viewsAndVersionsAreIndependent() {
    watermarks.apply(new Watermark("live", 1, "a", 9_000, 100));
    watermarks.apply(new Watermark("history", 1, "a", 1_000, 100));
    watermarks.apply(new Watermark("history", 2, "a", 3_000, 100));
    assertThat(watermarks.watermarkMs("live", 1)).isEqualTo(9_000);
    assertThat(watermarks.watermarkMs("history", 1)).isEqualTo(1_000);
    assertThat(watermarks.watermarkMs("history", 2)).isEqualTo(3_000);
  }

  @Test
  void aRetiredPublisherHoldsNothingBack() {
    watermarks.apply(new Watermark("v", 1, "a", 1_000, 100));
    watermarks.apply(new Watermark("v", 1, "b", 5_000, 100));
    watermarks.apply(Watermark.retired("v", 1, "a", 110));
    watermarks.apply(new Watermark("v", 1, "b", 6_000, 120));
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(6_000);
  }

  @Test
  void aSilentPublisherExpiresByTheLogsPublicationTimesNotTheReadersClock() {
    watermarks.apply(new Watermark("v", 1, "crashed", 1_000, 0));
    watermarks.apply(new Watermark("v", 1, "b", 50_000, 20_000));
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(1_000);
    watermarks.apply(new Watermark("v", 1, "b", 60_000, 30_001));
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(60_000);
  }

  @Test
  void aRestoredWatermarkIsAFloor() {
    watermarks.restore(new ViewVersion("v", 1), 7_000);
    watermarks.apply(new Watermark("v", 1, "a", 5_000, 100));
    assertThat(watermarks.watermarkMs("v", 1)).isEqualTo(7_000);
  }
}
