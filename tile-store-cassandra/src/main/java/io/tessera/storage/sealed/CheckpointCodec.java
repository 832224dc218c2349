package io.tessera.storage.sealed;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.MalformedIrException;
import io.tessera.engine.sealed.ViewProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The views' progress of a partition checkpoint as one blob, owned here alone: {@code [version byte
 * 1][view count][per view: name, version, watermark, sealed-before, resolution count, per
 * resolution (ascending): resolution, built-through]}, numbers as the engine's zig-zag varints. One
 * blob, not a collection column, so that the checkpoint row is two cells written with one timestamp
 * (see {@code CheckpointTable}) and rewriting it leaves no collection tombstones.
 */
final class CheckpointCodec {
  /** Version 1 of the progress blob. */
  static final int FORMAT_VERSION = 1;

  private CheckpointCodec() {}

  static byte[] encode(List<ViewProgress> views) {
    IrOutput out = new IrOutput();
    out.writeByte(FORMAT_VERSION).writeLong(views.size());
    for (ViewProgress view : views) {
      out.writeString(view.view())
          .writeLong(view.version())
          .writeLong(view.watermarkMs())
          .writeLong(view.sealedBeforeMs());
      Map<Long, Long> built = new TreeMap<>(view.builtThroughMsByResolution());
      out.writeLong(built.size());
      built.forEach((resolutionMs, throughMs) -> out.writeLong(resolutionMs).writeLong(throughMs));
    }
    return out.toByteArray();
  }

  static List<ViewProgress> decode(byte[] blob) {
    IrInput in = new IrInput(blob);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new MalformedIrException("unknown checkpoint progress format " + version);
    }
    int count = in.readLength();
    List<ViewProgress> views = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = in.readString();
      int viewVersion = Math.toIntExact(in.readLong());
      long watermarkMs = in.readLong();
      long sealedBeforeMs = in.readLong();
      int resolutions = in.readLength();
      Map<Long, Long> built = new HashMap<>();
      for (int r = 0; r < resolutions; r++) {
        built.put(in.readLong(), in.readLong());
      }
      views.add(new ViewProgress(name, viewVersion, watermarkMs, sealedBeforeMs, built));
    }
    if (!in.atEnd()) {
      throw new MalformedIrException("trailing bytes after checkpoint progress");
    }
    return views;
  }
}
