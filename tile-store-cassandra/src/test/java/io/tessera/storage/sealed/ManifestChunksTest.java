package io.tessera.storage.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestChunksTest {

  @Test
  void cutsALongManifestIntoChunksOfBoundedKeyBytesThatJoinBackInOrder() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      keys.add("entity-%06d-é".formatted(i)); // a two-byte character: bytes, not chars, count
    }

    List<List<String>> chunks = ManifestTable.chunks(keys);

    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(keys);
    for (List<String> chunk : chunks) {
      int bytes = chunk.stream().mapToInt(k -> k.getBytes(StandardCharsets.UTF_8).length).sum();
      assertThat(bytes).isLessThanOrEqualTo(ManifestTable.CHUNK_KEY_BYTES);
    }
    assertThat(ManifestTable.chunks(keys)).as("a pure function of the list").isEqualTo(chunks);
  }

  @Test
  void aShortManifestIsOneChunk() {
    assertThat(ManifestTable.chunks(List.of("a", "b"))).containsExactly(List.of("a", "b"));
  }
}
