package io.tessera.storage.sealed;

import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.ViewProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The values behind the checked-in format fixtures ({@code src/test/resources/fixtures/}), and the
 * writer that produced them. Run {@link #main} only when a new format version is introduced, as a
 * new file beside the old one; the old fixtures must keep decoding.
 */
final class FormatFixtures {
  static final String ENTITY = "user-7";
  static final String EVENTS_V1 = "sealed-events-v1.hex";
  static final String CHECKPOINT_V1 = "checkpoint-progress-v1.hex";

  private FormatFixtures() {}

  /** Every value type, null, a missing column, another entity key, negative and extreme times. */
  static List<Event> events() {
    Map<String, Object> all = new HashMap<>();
    all.put("amount", 1_250L);
    all.put("price", -0.0);
    all.put("merchant", "café ☃");
    all.put("card_present", true);
    all.put("note", null);
    return List.of(
        new Event(ENTITY, -60_000, "a", 0, all),
        new Event(ENTITY, -60_000, "b", 1, Map.of("amount", Long.MIN_VALUE)),
        new Event("other-entity", -1, "c", Long.MAX_VALUE, Map.of()),
        new Event(ENTITY, -1, "d", 3, Map.of("price", Double.NaN, "card_present", false)));
  }

  static List<ViewProgress> progress() {
    return List.of(
        new ViewProgress("payments", 3, 1_700_000_060_000L, 1_700_000_000_000L, Map.of()),
        new ViewProgress(
            "logins", 1, -5, -60_000, Map.of(3_600_000L, -3_600_000L, 86_400_000L, 0L)));
  }

  static String eventsHex() {
    List<byte[]> chunks = EventChunkCodec.encode(ENTITY, events(), 1 << 20);
    return HexFormat.of().formatHex(chunks.get(0));
  }

  static String progressHex() {
    return HexFormat.of().formatHex(CheckpointCodec.encode(progress()));
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of("src/test/resources/fixtures");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(EVENTS_V1), eventsHex() + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(CHECKPOINT_V1), progressHex() + "\n", StandardCharsets.UTF_8);
  }
}
