package io.tessera.ingest.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.watermark.ViewVersion;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SourceWatermarkTest {

  private final SourceWatermark source = new SourceWatermark(new ViewVersion("tx", 1));

  @Test
  void isTheMinimumOverThePartitionsOfTheNewestPublishedEventTimes() {
    source.assigned("0");
    source.assigned("1");
    source.published("0", 5_000);
    source.published("1", 3_000);
    source.published("1", 2_000); // out of order: the newest read stays 3,000

    assertThat(source.watermarkMs()).hasValue(3_000);

    source.published("1", 9_000);
    assertThat(source.watermarkMs()).hasValue(5_000);
  }

  @Test
  void aPartitionWithNothingReadAndNotKnownFullyReadHoldsItBack() {
    source.assigned("0");
    source.assigned("1");
    source.published("0", 5_000);

    assertThat(source.watermarkMs()).isEmpty();

    source.behind("1"); // still unknown: a backlog whose events may be older than 5,000
    assertThat(source.watermarkMs()).isEmpty();
  }

  @Test
  void anIdleFullyReadPartitionFollowsTheWallClock() {
    source.assigned("0");
    source.assigned("1");
    source.published("0", 5_000);
    source.fullyRead("0", 10_000);
    source.fullyRead("1", 10_000); // empty partition, nothing ever read

    assertThat(source.watermarkMs()).hasValue(10_000);

    source.fullyRead("0", 11_000);
    source.fullyRead("1", 11_500);
    assertThat(source.watermarkMs()).hasValue(11_000);
  }

  @Test
  void aPartitionFoundBehindAgainCountsOnlyItsPublishedEvents() {
    source.assigned("0");
    source.published("0", 5_000);
    source.fullyRead("0", 10_000);
    source.behind("0");

    assertThat(source.watermarkMs()).hasValue(5_000);
  }

  @Test
  void eventsAheadOfTheWallClockKeepTheirTimeWhenFullyRead() {
    source.assigned("0");
    source.published("0", 12_000);
    source.fullyRead("0", 10_000);

    assertThat(source.watermarkMs()).hasValue(12_000);
  }

  @Test
  void aRevokedOrClosedPartitionStopsHoldingItBack() {
    source.assigned("0");
    source.assigned("parent-shard");
    source.published("0", 5_000);
    assertThat(source.watermarkMs()).isEmpty();

    source.revoked("parent-shard");

    assertThat(source.watermarkMs()).hasValue(5_000);
    source.revoked("0");
    assertThat(source.readsNothing()).isTrue();
    assertThat(source.watermarkMs()).isEqualTo(OptionalLong.empty());
  }
}
