package io.tessera.storage.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.engine.encoding.MalformedIrException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by version 1 of the sealed-events chunk and of the checkpoint progress blob
 * (checked in under fixtures/) still decode to the values they held, and encoding those values
 * today gives the same bytes: a format change is a decision.
 */
class FormatFixtureTest {

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = FormatFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void decodesVersionOneEventChunkToItsEvents() throws IOException {
    byte[] bytes = fixture(FormatFixtures.EVENTS_V1);

    assertThat(EventChunkCodec.decode(FormatFixtures.ENTITY, bytes))
        .isEqualTo(FormatFixtures.events());
  }

  @Test
  void encodesTheSameEventsToTheVersionOneBytes() throws IOException {
    assertThat(FormatFixtures.eventsHex())
        .isEqualTo(HexFormat.of().formatHex(fixture(FormatFixtures.EVENTS_V1)));
  }

  @Test
  void decodesVersionOneCheckpointProgress() throws IOException {
    byte[] bytes = fixture(FormatFixtures.CHECKPOINT_V1);

    assertThat(CheckpointCodec.decode(bytes)).isEqualTo(FormatFixtures.progress());
    assertThat(FormatFixtures.progressHex()).isEqualTo(HexFormat.of().formatHex(bytes));
  }

  @Test
  void rejectsAnUnknownChunkVersion() throws IOException {
    byte[] bytes = fixture(FormatFixtures.EVENTS_V1);
    bytes[0] = 2;

    assertThatThrownBy(() -> EventChunkCodec.decode(FormatFixtures.ENTITY, bytes))
        .isInstanceOf(MalformedIrException.class)
        .hasMessageContaining("format 2");
  }
}
