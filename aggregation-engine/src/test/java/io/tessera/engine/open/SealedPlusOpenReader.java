package io.tessera.engine.open;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A test-only read path: a window's sealed part from {@link SealedRows} (raw events of a finest
 * tile cut by an edge, else the coarsest built tile that fits), then the open part from {@link
 * OpenState#fold}. Small on purpose, so the exactness property tests the open state and sealing,
 * not a planner.
 */
final class SealedPlusOpenReader {
  /** Where a lifetime read starts: a day boundary before every generated event. */
  static final long LIFETIME_FROM_MS =
      Tiling.floor(
          io.tessera.engine.testing.ScenarioArbitraries.T0_MS - 600 * 86_400_000L, 86_400_000L);

  private final ViewAggregator aggregator;
  private final TileCodec codec;

  SealedPlusOpenReader(ViewAggregator aggregator) {
    this.aggregator = aggregator;
    this.codec = new TileCodec(aggregator);
  }

  static long startOf(WindowSpec window, long tMs) {
    return window.isLifetime() ? LIFETIME_FROM_MS : tMs - window.sizeMs();
  }

  /**
   * Every test entity's every test window at {@code tMs}, each as the hex of its encoded IRs: what
   * two runs compare when they must read the same values byte for byte.
   */
  List<String> encodedValues(OpenState state, SealedRows rows, long tMs) {
    List<String> values = new ArrayList<>();
    for (String entityKey : PartitionLog.ENTITIES) {
      for (WindowSpec window : TestView.WINDOWS) {
        Ir[] states = read(state, rows, entityKey, window, tMs);
        byte[] payload = codec.encode(new Tile(new TileKey(1, 0), states)).payload();
        values.add(entityKey + " " + window + " " + HexFormat.of().formatHex(payload));
      }
    }
    return values;
  }

  /** The IRs of {@code window} at {@code tMs} for one entity. */
  Ir[] read(OpenState state, SealedRows rows, String entityKey, WindowSpec window, long tMs) {
    long fromMs = startOf(window, tMs);
    Ir[] states = aggregator.init();
    long sealedBeforeMs = state.sealedBeforeMs();
    if (sealedBeforeMs != OpenState.NO_TIME) {
      foldSealed(state, rows, entityKey, fromMs, Math.min(tMs, sealedBeforeMs), states);
    }
    state.fold(entityKey, fromMs, tMs, states);
    return states;
  }

  private void foldSealed(
      OpenState state, SealedRows rows, String entityKey, long fromMs, long toMs, Ir[] states) {
    Tiling tiling = state.tiling();
    long finestMs = tiling.finestMs();
    Map<Long, Long> builtThrough = state.builtThroughMsByResolution();
    long at = fromMs;
    while (at < toMs) {
      long minuteStart = Tiling.floor(at, finestMs);
      if (at != minuteStart || minuteStart + finestMs > toMs) { // an edge: raw events
        long endMs = Math.min(minuteStart + finestMs, toMs);
        SealedMinute minute = rows.minute(entityKey, minuteStart);
        if (minute != null) {
          for (Event event : minute.events()) {
            if (event.eventTimeMs() >= at && event.eventTimeMs() < endMs) {
              aggregator.add(states, event);
            }
          }
        }
        at = endMs;
        continue;
      }
      for (int level = 0; level < tiling.levels(); level++) {
        long resolutionMs = tiling.resolutionMs(level);
        boolean finest = level == tiling.levels() - 1;
        if (Math.floorMod(at, resolutionMs) == 0
            && at + resolutionMs <= toMs
            && (finest || at + resolutionMs <= builtThrough.get(resolutionMs))) {
          TileRow row =
              finest
                  ? tileOf(rows.minute(entityKey, at))
                  : rows.coarse(entityKey, new TileKey(resolutionMs, at));
          if (row != null) {
            Tile tile = codec.decode(row);
            aggregator.merge(states, tile.states());
          }
          at += resolutionMs;
          break;
        }
      }
    }
  }

  private static TileRow tileOf(SealedMinute minute) {
    return minute == null ? null : minute.tile();
  }
}
