package io.tessera.engine.encoding;

import io.tessera.engine.event.Event;
import io.tessera.engine.testing.TestView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fixed events the checked-in fixtures were encoded from. */
final class FixtureEvents {
  private FixtureEvents() {}

  static List<Event> events() {
    List<Event> events = new ArrayList<>();
    String[] categories = {"a", "b", null, "a", "c", "b", "d"};
    for (int i = 0; i < 7; i++) {
      Map<String, Object> values = new HashMap<>();
      values.put(TestView.LONG_COLUMN, i == 4 ? null : (long) (i * 37 % 11 - 5));
      values.put(TestView.DOUBLE_COLUMN, i == 2 ? null : i * 1.25 - 3.5);
      values.put(TestView.STRING_COLUMN, categories[i]);
      events.add(new Event("user-1", 1_772_841_600_000L + i * 7_000L, "e" + i, i, values));
    }
    return events;
  }
}
