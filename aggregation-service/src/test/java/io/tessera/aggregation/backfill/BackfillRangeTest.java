package io.tessera.aggregation.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.aggregation.support.AmountViews;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.records.backfill.BackfillCommand;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackfillRangeTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long HAND_OVER_MS = 20_000 * DAY;

  private static FeatureView view(String windows) {
    return DefinitionJson.readView(
            AmountViews.json(
                "v",
                "{\"name\": \"spend\", \"function\": \"sum\", \"input\": \"amount\", \"windows\": ["
                    + windows
                    + "]}",
                "1d",
                "1h",
                "1m"))
        .orThrow();
  }

  private static BackfillCommand.Start start(Long fromMs, Long toMs) {
    return new BackfillCommand.Start("b1", "v", 1, fromMs, toMs, "requested", Instant.EPOCH);
  }

  @Test
  void startsTheLongestWindowBeforeTheHandOverByDefault() {
    assertThat(BackfillRange.of(start(null, null), view("\"1h\", \"7d\""), HAND_OVER_MS, DAY))
        .contains(new BackfillRange(HAND_OVER_MS - 7 * DAY, HAND_OVER_MS));
  }

  @Test
  void floorsTheRetentionStartToTheCoarsestTile() {
    assertThat(BackfillRange.of(start(null, null), view("\"36h\""), HAND_OVER_MS, DAY))
        .contains(new BackfillRange(HAND_OVER_MS - 2 * DAY, HAND_OVER_MS));
  }

  @Test
  void takesAllOfHistoryForALifetimeWindow() {
    assertThat(BackfillRange.of(start(null, null), view("\"1h\", \"lifetime\""), HAND_OVER_MS, DAY))
        .contains(new BackfillRange(Long.MIN_VALUE, HAND_OVER_MS));
  }

  @Test
  void roundsARequestedRangeOutToWholeTilesButNeverPastTheHandOver() {
    FeatureView view = view("\"1h\"");
    assertThat(
            BackfillRange.of(
                start(HAND_OVER_MS - 3 * DAY + 5 * HOUR, HAND_OVER_MS - DAY - HOUR),
                view,
                HAND_OVER_MS,
                DAY))
        .contains(new BackfillRange(HAND_OVER_MS - 3 * DAY, HAND_OVER_MS - DAY));
    assertThat(
            BackfillRange.of(
                start(HAND_OVER_MS - DAY, HAND_OVER_MS + 5 * DAY), view, HAND_OVER_MS, DAY))
        .contains(new BackfillRange(HAND_OVER_MS - DAY, HAND_OVER_MS));
  }

  @Test
  void aRequestedStartBeforeAnyTileIsAllOfHistory() {
    assertThat(BackfillRange.of(start(Long.MIN_VALUE + 1, null), view("\"1h\""), HAND_OVER_MS, DAY))
        .contains(new BackfillRange(Long.MIN_VALUE, HAND_OVER_MS));
  }

  @Test
  void hasNothingToWriteWithoutBatchHistoryOrAfterTheHandOver() {
    FeatureView view = view("\"1h\"");
    assertThat(BackfillRange.of(start(null, null), view, Long.MIN_VALUE, DAY)).isEmpty();
    Optional<BackfillRange> afterHandOver =
        BackfillRange.of(start(HAND_OVER_MS + DAY, null), view, HAND_OVER_MS, DAY);
    assertThat(afterHandOver).isEmpty();
  }
}
