package io.tessera.definitions.window;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiling rule of a view: the tile sizes, coarsest first, that pre-aggregate its events.
 *
 * <p>Invariant: there is at least one resolution, resolutions strictly descend, and each is a whole
 * multiple of the next finer one. So every coarse tile is exactly the union of the finer tiles
 * inside it, tiles of every size align on the epoch, and the read plan can cover any span with
 * whole tiles of descending size. The default is 1d / 1h / 1m.
 *
 * @param resolutionsMs tile sizes in milliseconds, coarsest first
 */
public record TileResolutions(List<Long> resolutionsMs) {

  public static final TileResolutions DEFAULT =
      new TileResolutions(List.of(86_400_000L, 3_600_000L, 60_000L));

  public TileResolutions {
    resolutionsMs = List.copyOf(resolutionsMs);
    List<String> problems = problemsOf(resolutionsMs);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * Every way {@code resolutionsMs} breaks the invariant, as messages for a data scientist; empty
   * when it holds. Validation reports these without throwing.
   */
  public static List<String> problemsOf(List<Long> resolutionsMs) {
    List<String> problems = new ArrayList<>();
    if (resolutionsMs.isEmpty()) {
      problems.add("at least one tile resolution is needed");
      return problems;
    }
    for (int i = 0; i < resolutionsMs.size(); i++) {
      long coarse = resolutionsMs.get(i);
      if (coarse <= 0) {
        problems.add("resolution " + coarse + " ms is not positive");
        continue;
      }
      if (i + 1 < resolutionsMs.size()) {
        long fine = resolutionsMs.get(i + 1);
        if (fine <= 0) {
          continue;
        }
        if (fine >= coarse) {
          problems.add(
              "resolutions must descend: "
                  + DurationText.format(fine)
                  + " follows "
                  + DurationText.format(coarse));
        } else if (coarse % fine != 0) {
          problems.add(
              DurationText.format(coarse)
                  + " is not a whole multiple of "
                  + DurationText.format(fine));
        }
      }
    }
    return problems;
  }

  /** The finest tile size: the open tiles that stream processing keeps up to date eagerly. */
  public long finestMs() {
    return resolutionsMs.get(resolutionsMs.size() - 1);
  }

  /** The coarsest tile size. */
  public long coarsestMs() {
    return resolutionsMs.get(0);
  }
}
