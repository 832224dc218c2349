package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariant 3 for sealing: sealed bytes are a function of the events alone. Arrival order within
 * the lateness does not change them, and the coarse tiles rolled up from stored rows are the tiles
 * computed straight from the applied events (what a backfill computes).
 */
class ArrivalOrderProperties {

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void permutingArrivalsWithinTheLatenessSealsTheSameBytes(
      @ForAll("streams") Scenario scenario, @ForAll long seed) {
    ViewAggregator aggregator = new ViewAggregator(TestView.allFunctions(scenario.resolutions()));
    List<List<Event>> batches = batchesByEventTime(scenario, new Random(seed));
    SealedRows first = run(aggregator, scenario.latenessMs(), batches, new Random(seed + 1));
    SealedRows second = run(aggregator, scenario.latenessMs(), batches, new Random(seed + 2));

    assertThat(minutesWithoutOffsets(second)).isEqualTo(minutesWithoutOffsets(first));
    assertThat(payloads(second.coarseRows())).isEqualTo(payloads(first.coarseRows()));
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void coarseTilesRolledUpFromStoredRowsEqualTilesComputedFromTheEvents(
      @ForAll("streams") Scenario scenario) {
    PartitionLog log = PartitionLog.of(scenario);
    ViewAggregator aggregator = new ViewAggregator(TestView.allFunctions(scenario.resolutions()));
    SealedRows rows = new SealedRows(aggregator);
    Owner owner = new Owner(aggregator, log.latenessMs(), rows);
    owner.processUntil(log.records(), log.records().size());

    Tiling tiling = new Tiling(scenario.resolutions());
    CanonicalTiles canonical = new CanonicalTiles(aggregator);
    TileCodec codec = new TileCodec(aggregator);
    for (String entityKey : PartitionLog.ENTITIES) {
      List<Event> applied = new ArrayList<>();
      for (Event event : Oracle.deduplicate(owner.applied())) {
        if (event.entityKey().equals(entityKey)) {
          applied.add(event);
        }
      }
      // finest tiles from events, then each coarser level from the one below
      Map<TileKey, Tile> level = new TreeMap<>(Comparator.comparingLong(TileKey::startMs));
      long finestMs = tiling.finestMs();
      for (Event event : applied) {
        TileKey key = TileKey.containing(finestMs, event.eventTimeMs());
        level.computeIfAbsent(key, k -> canonical.fromEvents(k, eventsOf(k, applied)));
      }
      for (int depth = tiling.levels() - 2; depth >= 0; depth--) {
        long resolutionMs = tiling.resolutionMs(depth);
        Map<TileKey, List<Tile>> children =
            new TreeMap<>(Comparator.comparingLong(TileKey::startMs));
        level
            .values()
            .forEach(
                tile ->
                    children
                        .computeIfAbsent(
                            TileKey.containing(resolutionMs, tile.key().startMs()),
                            k -> new ArrayList<>())
                        .add(tile));
        Map<TileKey, Tile> coarser = new TreeMap<>(Comparator.comparingLong(TileKey::startMs));
        children.forEach((key, tiles) -> coarser.put(key, canonical.fromChildren(key, tiles)));
        List<TileRow> expected = coarser.values().stream().map(codec::encode).toList();
        List<TileRow> stored = rows.tiles(entityKey, resolutionMs, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(stored).as("%s tiles of %d ms", entityKey, resolutionMs).isEqualTo(expected);
        level = coarser;
      }
    }
  }

  private static List<Event> eventsOf(TileKey key, List<Event> events) {
    return events.stream().filter(event -> key.contains(event.eventTimeMs())).toList();
  }

  /**
   * The scenario's events by event time, cut into batches; the watermark after a batch is the
   * oldest event time still to come, so no event of a later batch is ever too late.
   */
  private static List<List<Event>> batchesByEventTime(Scenario scenario, Random random) {
    List<Event> events = new ArrayList<>();
    for (Scenario.Arrival arrival : scenario.arrivals()) {
      events.add(PartitionLog.event(arrival, 0));
    }
    events.sort(Comparator.comparingLong(Event::eventTimeMs));
    List<List<Event>> batches = new ArrayList<>();
    for (int at = 0; at < events.size(); ) {
      int end = Math.min(events.size(), at + 1 + random.nextInt(8));
      batches.add(events.subList(at, end));
      at = end;
    }
    return batches;
  }

  private static SealedRows run(
      ViewAggregator aggregator, long latenessMs, List<List<Event>> batches, Random random) {
    SealedRows rows = new SealedRows(aggregator);
    OpenState state =
        OpenState.empty(aggregator, latenessMs, SealedRows.TOPIC, SealedRows.PARTITION);
    long offset = 0;
    for (int b = 0; b < batches.size(); b++) {
      List<Event> batch = new ArrayList<>(batches.get(b));
      Collections.shuffle(batch, random);
      for (Event event : batch) {
        ApplyResult result = state.apply(event.atOffset(offset++));
        assertThat(result).isNotInstanceOf(ApplyResult.TooLate.class);
      }
      long watermarkMs =
          b + 1 < batches.size()
              ? batches.get(b + 1).get(0).eventTimeMs()
              : PartitionLog.FINAL_WATERMARK_MS;
      rows.write(state.advanceWatermark(watermarkMs));
    }
    return rows;
  }

  /** Sealed minutes with everything but offsets: key, payload, newest time, events' positions. */
  private static List<String> minutesWithoutOffsets(SealedRows rows) {
    List<String> result = new ArrayList<>();
    rows.minutes()
        .forEach(
            (entityKey, byStart) -> {
              for (SealedMinute minute : byStart.values()) {
                List<String> positions = new ArrayList<>();
                minute.events().forEach(e -> positions.add(e.eventTimeMs() + "/" + e.eventId()));
                result.add(
                    entityKey
                        + " "
                        + minute.tile().key()
                        + " newest "
                        + minute.tile().newestEventTimeMs()
                        + " "
                        + HexFormat.of().formatHex(minute.tile().payload())
                        + " "
                        + positions);
              }
            });
    return result;
  }

  private static List<String> payloads(Map<String, Map<Long, NavigableMap<Long, TileRow>>> rows) {
    List<String> result = new ArrayList<>();
    rows.forEach(
        (entityKey, byResolution) ->
            new TreeMap<>(byResolution)
                .forEach(
                    (resolutionMs, byStart) ->
                        byStart.forEach(
                            (startMs, row) ->
                                result.add(
                                    entityKey
                                        + " "
                                        + row.key()
                                        + " "
                                        + HexFormat.of().formatHex(row.payload())))));
    return result;
  }
}
