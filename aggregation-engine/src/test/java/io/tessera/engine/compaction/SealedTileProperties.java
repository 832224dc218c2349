package io.tessera.engine.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.StreamSimulator;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariant 3: a tile sealed by streaming (many small compaction steps, events out of order, late
 * and duplicated) has the same bytes as the tile a backfill computes from the same events in one
 * step, whatever order the backfill reads them in.
 */
class SealedTileProperties {
  private static final long FAR_FUTURE_MS = ScenarioArbitraries.T0_MS + 400L * 86_400_000L;

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void sealedTilesEqualABackfillOfTheSameEventsByteForByte(
      @ForAll("streams") Scenario scenario, @ForAll long shuffleSeed) {
    StreamSimulator streaming = new StreamSimulator(scenario, new InMemoryTileStore());
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      streaming.arrive(i);
    }
    streaming.compact();
    EntityMeta meta = streaming.store().readHead(StreamSimulator.ENTITY).meta();
    if (!meta.hasEvents() || meta.sealedBeforeMs() == EntityMeta.NO_TIME) {
      return;
    }
    long sealedBeforeMs = meta.sealedBeforeMs();

    List<Event> events =
        streaming.store().readEvents(StreamSimulator.ENTITY, Long.MIN_VALUE, sealedBeforeMs);
    Collections.shuffle(events = new ArrayList<>(events), new Random(shuffleSeed));
    TileStore backfill = new InMemoryTileStore();
    long backfillOffset = 0; // a backfill reads its own topic: other offsets, other order
    for (Event event : events) {
      backfill.append(StreamSimulator.ENTITY, event.atOffset(backfillOffset++));
    }
    streaming
        .compactor()
        .step(backfill, StreamSimulator.ENTITY, FAR_FUTURE_MS, sealedBeforeMs)
        .apply(backfill, StreamSimulator.ENTITY);

    for (long resolutionMs : scenario.resolutions().resolutionsMs()) {
      List<TileRow> sealedStreaming = sealed(streaming.store(), resolutionMs, sealedBeforeMs);
      List<TileRow> sealedBackfill = sealed(backfill, resolutionMs, sealedBeforeMs);
      assertThat(payloads(sealedStreaming)).isEqualTo(payloads(sealedBackfill));
    }
  }

  private static List<TileRow> sealed(TileStore store, long resolutionMs, long sealedBeforeMs) {
    List<TileRow> rows = new ArrayList<>();
    for (TileRow row :
        store.readTiles(StreamSimulator.ENTITY, resolutionMs, Long.MIN_VALUE, sealedBeforeMs)) {
      if (row.key().endMs() <= sealedBeforeMs) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<String> payloads(List<TileRow> rows) {
    List<String> result = new ArrayList<>();
    for (TileRow row : rows) {
      result.add(row.key() + " " + java.util.HexFormat.of().formatHex(row.payload()));
    }
    return result;
  }
}
