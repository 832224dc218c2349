package io.tessera.engine.testing;

import io.tessera.definitions.window.TileResolutions;
import java.util.List;

/**
 * A generated stream: events in arrival order (with duplicates), when compaction runs, and when
 * queries are made. Times are epoch milliseconds.
 *
 * @param resolutions the tiling rule
 * @param arrivals events in arrival order; a repeated id is a duplicate delivery
 * @param compactEvery run a compaction step after every this many arrivals
 * @param latenessMs allowed lateness: tiles older than the clock minus this are sealed
 * @param queries query times, each after a given number of arrivals
 */
public record Scenario(
    TileResolutions resolutions,
    List<Arrival> arrivals,
    int compactEvery,
    long latenessMs,
    List<Query> queries) {

  /**
   * One delivery.
   *
   * @param clockMs the stream's processing clock when it arrives (drives closing and sealing)
   */
  public record Arrival(
      long clockMs, long eventTimeMs, String eventId, Long amount, Double price, String category) {}

  /**
   * One request.
   *
   * @param afterArrivals how many arrivals precede it
   * @param tMs the request time
   */
  public record Query(int afterArrivals, long tMs) {}
}
