package io.tessera.engine.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.tile.TileKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The manifest part of {@link SealedStoreContract} (which extends this, so every store runs both):
 * a manifest is found by (lineage, topic, partition, resolution) and a half-open range of tile
 * starts, in start order, rewrites store it once, and nothing else's manifests show through.
 */
public abstract class SealedManifestContract {
  private static final long MINUTE_MS = 60_000L;
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 86_400_000L;

  private String view;
  private String topic;

  /** The store under test, created before each test. */
  protected abstract SealedStore store();

  @BeforeEach
  void nameThisTestsLineageAndTopic() {
    String run = Long.toString(System.nanoTime(), 36);
    view = "manifest_view_" + run;
    topic = "manifest_topic_" + run;
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store operation failed", e);
    }
  }

  private SealedManifest manifest(int partition, long resolutionMs, long startMs, String... keys) {
    return new SealedManifest(
        view, topic, partition, new TileKey(resolutionMs, startMs), List.of(keys));
  }

  private void write(SealedManifest... manifests) {
    await(store().writeManifests(List.of(manifests)));
  }

  private List<SealedManifest> read(int partition, long resolutionMs, long fromMs, long toMs) {
    return await(store().readManifests(view, topic, partition, resolutionMs, fromMs, toMs));
  }

  @Test
  void readsManifestsWhoseStartIsInAHalfOpenRangeInStartOrderAcrossDays() {
    long dayEnd = 3 * DAY_MS;
    SealedManifest lastOfDay = manifest(0, MINUTE_MS, dayEnd - MINUTE_MS, "a", "b");
    SealedManifest firstOfNextDay = manifest(0, MINUTE_MS, dayEnd, "c");
    SealedManifest later = manifest(0, MINUTE_MS, dayEnd + 2 * MINUTE_MS, "a");
    SealedManifest negative = manifest(0, MINUTE_MS, -MINUTE_MS, "z");
    write(later, firstOfNextDay, lastOfDay, negative);

    assertThat(read(0, MINUTE_MS, dayEnd - MINUTE_MS, dayEnd + 3 * MINUTE_MS))
        .containsExactly(lastOfDay, firstOfNextDay, later);
    assertThat(read(0, MINUTE_MS, dayEnd - MINUTE_MS + 1, dayEnd + 2 * MINUTE_MS))
        .containsExactly(firstOfNextDay);
    assertThat(read(0, MINUTE_MS, -MINUTE_MS, 0)).containsExactly(negative);
    assertThat(read(0, MINUTE_MS, dayEnd, dayEnd)).isEmpty();
    assertThat(read(0, MINUTE_MS, dayEnd + MINUTE_MS, dayEnd)).isEmpty();
  }

  @Test
  void rewritingAManifestStoresItOnce() {
    SealedManifest manifest = manifest(1, MINUTE_MS, HOUR_MS, "a", "b", "c");

    write(manifest);
    write(manifest);
    write(manifest, manifest);

    assertThat(read(1, MINUTE_MS, 0, DAY_MS)).containsExactly(manifest);
  }

  @Test
  void keepsManifestsOfPartitionsResolutionsViewsAndTopicsApart() {
    SealedManifest minute = manifest(2, MINUTE_MS, HOUR_MS, "a");
    SealedManifest otherPartition = manifest(3, MINUTE_MS, HOUR_MS, "b");
    SealedManifest hour = manifest(2, HOUR_MS, HOUR_MS, "c");
    SealedManifest otherView =
        new SealedManifest(view + "_x", topic, 2, new TileKey(MINUTE_MS, HOUR_MS), List.of("d"));
    SealedManifest otherTopic =
        new SealedManifest(view, topic + "_x", 2, new TileKey(MINUTE_MS, HOUR_MS), List.of("e"));
    write(minute, otherPartition, hour, otherView, otherTopic);

    assertThat(read(2, MINUTE_MS, 0, DAY_MS)).containsExactly(minute);
    assertThat(read(3, MINUTE_MS, 0, DAY_MS)).containsExactly(otherPartition);
    assertThat(read(2, HOUR_MS, 0, DAY_MS)).containsExactly(hour);
    assertThat(await(store().readManifests(view + "_x", topic, 2, MINUTE_MS, 0, DAY_MS)))
        .containsExactly(otherView);
    assertThat(await(store().readManifests(view, topic + "_x", 2, MINUTE_MS, 0, DAY_MS)))
        .containsExactly(otherTopic);
    assertThat(read(4, MINUTE_MS, 0, DAY_MS)).isEmpty();
  }

  @Test
  void roundTripsTheManifestOfABusyHourWithFiftyThousandEntities() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      keys.add("customer-%08d-of-a-busy-partition".formatted(i));
    }
    SealedManifest busy = new SealedManifest(view, topic, 0, new TileKey(HOUR_MS, 0), keys);

    write(busy);

    assertThat(read(0, HOUR_MS, 0, HOUR_MS)).containsExactly(busy);
  }
}
