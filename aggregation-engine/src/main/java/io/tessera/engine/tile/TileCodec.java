package io.tessera.engine.tile;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.MalformedIrException;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.view.ViewAggregator;

/**
 * The tile payload layout, owned here alone: {@code [version byte][feature count][per feature:
 * length-prefixed IR envelope]}, features in view order.
 */
public final class TileCodec {
  /** Version 1 of the tile payload. */
  public static final int FORMAT_VERSION = 1;

  private final ViewAggregator aggregator;

  public TileCodec(ViewAggregator aggregator) {
    this.aggregator = aggregator;
  }

  public TileRow encode(Tile tile) {
    IrOutput out = new IrOutput();
    out.writeByte(FORMAT_VERSION).writeLong(tile.states().length);
    for (int i = 0; i < tile.states().length; i++) {
      out.writeBytes(aggregator.aggregator(i).encode(tile.states()[i]));
    }
    return new TileRow(tile.key(), tile.newestEventTimeMs(), out.toByteArray());
  }

  public Tile decode(TileRow row) {
    IrInput in = new IrInput(row.payload());
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new MalformedIrException("unknown tile format version " + version);
    }
    int count = in.readLength();
    if (count != aggregator.size()) {
      throw new MalformedIrException(
          "tile has " + count + " features, view has " + aggregator.size());
    }
    Ir[] states = new Ir[count];
    for (int i = 0; i < count; i++) {
      states[i] = aggregator.aggregator(i).decode(in.readBytes());
    }
    if (!in.atEnd()) {
      throw new MalformedIrException("trailing bytes after the tile payload");
    }
    return new Tile(row.key(), states);
  }
}
