package io.tessera.engine.encoding;

import io.tessera.engine.ir.Ir;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The frame around every encoded IR: {@code [version byte][newest event time, varint][payload]}.
 * The payload layout is the function's; the frame is the same for all of them.
 */
public final class IrEnvelope {
  /** Version 1. A new layout gets a new number, and decoders keep reading the old ones. */
  public static final int FORMAT_VERSION = 1;

  private IrEnvelope() {}

  public static <S extends Ir> byte[] encode(S ir, BiConsumer<S, IrOutput> payload) {
    IrOutput out = new IrOutput();
    out.writeByte(FORMAT_VERSION).writeLong(ir.newestEventTimeMs());
    payload.accept(ir, out);
    return out.toByteArray();
  }

  public static <S extends Ir> S decode(byte[] bytes, Function<IrInput, S> payload) {
    IrInput in = new IrInput(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new MalformedIrException("unknown IR format version " + version);
    }
    long newestEventTimeMs = in.readLong();
    S ir = payload.apply(in);
    if (!in.atEnd()) {
      throw new MalformedIrException("trailing bytes after the IR payload");
    }
    ir.noteEventTime(newestEventTimeMs);
    return ir;
  }
}
