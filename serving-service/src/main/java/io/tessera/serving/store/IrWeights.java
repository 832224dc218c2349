package io.tessera.serving.store;

import io.tessera.engine.ir.BoundedListIr;
import io.tessera.engine.ir.DigestIr;
import io.tessera.engine.ir.DistinctSetIr;
import io.tessera.engine.ir.HllIr;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.ir.RecentDistinctIr;

/**
 * Rough heap sizes of merged IRs, for the sealed-window cache's byte bound. Estimates, not
 * measurements: what matters is that the few heavy kinds (a t-digest, an HLL sketch, value sets)
 * weigh what they cost relative to a counter, so the bound means about what it says.
 */
final class IrWeights {
  /** Object header, fields and the array slot of a fixed-size IR (counts, sums, min/max, edges). */
  private static final int SMALL_BYTES = 48;

  /**
   * A DataSketches t-digest of {@link DigestIr#K}: its centroid arrays and its update buffer are
   * allocated at full size when it is created, about 12 KB for K = 100.
   */
  private static final int DIGEST_BYTES = 12 * 1024;

  /** An HLL_8 sketch of the engine's lgK 12: 4 KB of registers plus the union's gadget. */
  private static final int HLL_BYTES = 5 * 1024;

  /** One value held in a set or list IR, boxed, with its map or list entry. */
  private static final int ENTRY_BYTES = 64;

  private IrWeights() {}

  static int of(Ir[] states) {
    int bytes = 16 + 4 * states.length;
    for (Ir state : states) {
      bytes += of(state);
    }
    return bytes;
  }

  private static int of(Ir state) {
    if (state instanceof DigestIr digest) {
      return digest.isExact() ? SMALL_BYTES + 8 * digest.exactValues().length : DIGEST_BYTES;
    } else if (state instanceof HllIr hll) {
      return hll.isEmpty() ? SMALL_BYTES : HLL_BYTES;
    } else if (state instanceof DistinctSetIr set) {
      return SMALL_BYTES + ENTRY_BYTES * set.size();
    } else if (state instanceof BoundedListIr list) {
      return SMALL_BYTES + ENTRY_BYTES * list.entries().size();
    } else if (state instanceof RecentDistinctIr recent) {
      return SMALL_BYTES + ENTRY_BYTES * recent.oldestFirst().size();
    }
    return SMALL_BYTES;
  }
}
