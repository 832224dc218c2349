package io.tessera.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RandomEventsTest {

  @Test
  void aDuplicateRepeatsAnEventProducedWithinTheDuplicateWindowWithTheSamePayload() {
    RandomEvents events =
        new RandomEvents(
            "v", "g", 50, new RandomEvents.Mix(0.05, 0.2, 0), entity -> OptionalLong.empty(), 3);
    Map<String, SourceEvent> firstById = new HashMap<>();
    Map<String, Long> producedAt = new HashMap<>();
    int duplicates = 0;
    for (long nowMs = 1_000_000; nowMs < 1_060_000; nowMs += 5) {
      SourceEvent event = events.next(nowMs);
      if (event.kind() == EventKind.DUPLICATE) {
        duplicates++;
        SourceEvent first = firstById.get(event.eventId());
        assertThat(first).as("a duplicate of an event produced before").isNotNull();
        assertThat(event.json()).isEqualTo(first.json());
        assertThat(nowMs - producedAt.get(event.eventId()))
            .isLessThanOrEqualTo(RandomEvents.DUPLICATE_WITHIN_MS);
      } else {
        assertThat(firstById.put(event.eventId(), event)).as("ids are unique").isNull();
        producedAt.put(event.eventId(), nowMs);
      }
    }
    assertThat(duplicates).isBetween(2_000, 2_800); // 20% of 12,000
  }
}
