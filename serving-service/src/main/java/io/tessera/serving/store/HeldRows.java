package io.tessera.serving.store;

import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Sealed rows of one kind held in memory: every row whose key lies in {@code [fromMs, toMs)}, in
 * the store's order. Keys are tile starts (tiles in start order) or event times (events in
 * canonical order, event time first), so a range inside is answered by cutting the list at two
 * keys, which is the store's own answer.
 *
 * @param key a row's key: its tile start or event time
 */
record HeldRows<T>(long fromMs, long toMs, List<T> rows, ToLongFunction<T> key) {
  HeldRows {
    rows = List.copyOf(rows);
  }

  /** Tiles of one resolution with a start in {@code [fromMs, toMs)}, in start order. */
  static HeldRows<TileRow> tiles(long fromMs, long toMs, List<TileRow> rows) {
    return new HeldRows<>(fromMs, toMs, rows, row -> row.key().startMs());
  }

  /** Events with an event time in {@code [fromMs, toMs)}, in canonical order. */
  static HeldRows<Event> events(long fromMs, long toMs, List<Event> rows) {
    return new HeldRows<>(fromMs, toMs, rows, Event::eventTimeMs);
  }

  boolean covers(long from, long to) {
    return from >= fromMs && to <= toMs;
  }

  /** The held rows with {@code from <= key < to} (a view: the held list never changes). */
  List<T> between(long from, long to) {
    int start = lowerBound(from);
    int end = lowerBound(to);
    return start >= end ? List.of() : rows.subList(start, end);
  }

  /** These rows from {@code from} on. */
  HeldRows<T> from(long from) {
    return from <= fromMs ? this : new HeldRows<>(from, toMs, between(from, toMs), key);
  }

  /** These rows, then {@code next}'s, which must start where these end. */
  HeldRows<T> followedBy(HeldRows<T> next) {
    if (next.fromMs != toMs) {
      throw new IllegalArgumentException(
          "rows through " + toMs + " cannot be followed by rows from " + next.fromMs);
    }
    List<T> joined = new ArrayList<>(rows.size() + next.rows.size());
    joined.addAll(rows);
    joined.addAll(next.rows);
    return new HeldRows<>(fromMs, next.toMs, joined, key);
  }

  private int lowerBound(long ms) {
    int low = 0;
    int high = rows.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (key.applyAsLong(rows.get(mid)) < ms) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
