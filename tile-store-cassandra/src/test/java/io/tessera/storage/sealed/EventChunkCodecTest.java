package io.tessera.storage.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a sealed minute's events are cut into chunks. */
class EventChunkCodecTest {

  private static List<Event> events(int count) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new Event("k", i, "id-" + i, i, Map.of("amount", (long) i, "tag", "t" + i)));
    }
    return events;
  }

  @Test
  void cutsEventsIntoChunksOfAboutTheTargetSizeThatDecodeBackInOrder() {
    List<Event> events = events(10_000);

    List<byte[]> chunks = EventChunkCodec.encode("k", events, 16 * 1024);

    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length).isLessThan(17 * 1024));
    List<Event> decoded = new ArrayList<>();
    chunks.forEach(chunk -> decoded.addAll(EventChunkCodec.decode("k", chunk)));
    assertThat(decoded).isEqualTo(events);
  }

  @Test
  void chunksTheSameEventsToTheSameBytes() {
    List<byte[]> first = EventChunkCodec.encode("k", events(3_000), 8 * 1024);
    List<byte[]> second = EventChunkCodec.encode("k", events(3_000), 8 * 1024);

    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).isEqualTo(first.get(i));
    }
  }

  @Test
  void writesNoChunkForNoEvents() {
    assertThat(EventChunkCodec.encode("k", List.of(), 1024)).isEmpty();
  }
}
