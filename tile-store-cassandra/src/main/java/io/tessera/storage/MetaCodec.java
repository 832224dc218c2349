package io.tessera.storage;

import io.tessera.engine.store.EntityMeta;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entity metadata as one blob cell in the head partition: {@code [version 1][first event time]
 * [covered offset][sealed before][count][(resolution, built through)...]}. One cell, written whole,
 * so a metadata update never leaves a collection tombstone in the partition every read touches.
 */
final class MetaCodec {
  /** Version 1 of the metadata blob. */
  static final byte FORMAT_VERSION = 1;

  private MetaCodec() {}

  static ByteBuffer encode(EntityMeta meta) {
    Map<Long, Long> built = new TreeMap<>(meta.builtThroughMsByResolution());
    ByteBuffer out = ByteBuffer.allocate(1 + 8 * 3 + 4 + built.size() * 16);
    out.put(FORMAT_VERSION);
    out.putLong(meta.firstEventTimeMs()).putLong(meta.coveredOffset());
    out.putLong(meta.sealedBeforeMs()).putInt(built.size());
    built.forEach((resolutionMs, throughMs) -> out.putLong(resolutionMs).putLong(throughMs));
    return out.flip();
  }

  static EntityMeta decode(ByteBuffer blob) {
    if (blob == null) {
      return EntityMeta.EMPTY;
    }
    ByteBuffer in = blob.duplicate();
    byte version = in.get();
    if (version != FORMAT_VERSION) {
      throw new IllegalStateException("unknown entity metadata format " + version);
    }
    long firstMs = in.getLong();
    long coveredOffset = in.getLong();
    long sealedBeforeMs = in.getLong();
    int count = in.getInt();
    Map<Long, Long> built = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      built.put(in.getLong(), in.getLong());
    }
    return new EntityMeta(firstMs, coveredOffset, built, sealedBeforeMs);
  }
}
