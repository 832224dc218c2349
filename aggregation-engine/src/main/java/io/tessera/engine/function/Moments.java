package io.tessera.engine.function;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.MomentsIr;

/** The payload layout the four variance functions share: count, sum, M2 (each compensated). */
final class Moments {
  private Moments() {}

  static void write(MomentsIr ir, IrOutput out) {
    out.writeLong(ir.count());
    IrPayloads.writeSum(out, ir.sum());
    IrPayloads.writeSum(out, ir.m2Parts());
  }

  static MomentsIr read(IrInput in) {
    MomentsIr ir = new MomentsIr();
    long count = in.readLong();
    ir.restore(count, IrPayloads.readSum(in), IrPayloads.readSum(in));
    return ir;
  }
}
