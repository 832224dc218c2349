package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link IdHashes} answers as a multiset of ints would, through growth, removals that shift runs
 * back and shrinking once sparse: hashes drawn from a small range (0 included) so that runs
 * collide, wrap around the table's end and hold the same hash many times.
 */
class IdHashesProperties {

  /** An operation: add {@code hash} when {@code add}, else remove one occurrence of it. */
  record Step(boolean add, int hash) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> hashes =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-40, 40),
            Arbitraries.integers().map(h -> h & 0xFFFF_0000), // same low bits: one home slot
            Arbitraries.integers());
    return Combinators.combine(Arbitraries.frequency(Tuple.of(3, true), Tuple.of(2, false)), hashes)
        .as(Step::new)
        .list()
        .ofMaxSize(400);
  }

  @Property(tries = 300)
  void behavesAsAMultisetOfInts(@ForAll("steps") List<Step> steps) {
    IdHashes ids = new IdHashes();
    Map<Integer, Integer> counts = new HashMap<>();
    for (Step step : steps) {
      if (step.add()) {
        ids.add(step.hash());
        counts.merge(stored(step.hash()), 1, Integer::sum);
      } else {
        ids.remove(step.hash());
        ids.shrinkIfSparse(); // as a state does after its seals
        counts.computeIfPresent(stored(step.hash()), (hash, count) -> count > 1 ? count - 1 : null);
      }
      for (Step probe : steps) {
        assertThat(ids.contains(probe.hash()))
            .as("contains %d after %s", probe.hash(), step)
            .isEqualTo(counts.containsKey(stored(probe.hash())));
      }
    }
  }

  /** 0 and 1 are one value to the table (0 marks a free slot). */
  private static int stored(int hash) {
    return hash == 0 ? 1 : hash;
  }
}
