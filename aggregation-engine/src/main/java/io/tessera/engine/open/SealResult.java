package io.tessera.engine.open;

import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import java.util.List;
import java.util.Map;

/**
 * What one watermark advance sealed and closed: the writes it calls for, in the order they must be
 * made, and the progress to checkpoint once they are durable.
 *
 * <p>Write {@code minutes} and {@code manifests} first (together: one write round), then roll up
 * {@code closes} in list order (finer resolutions first, then by start) with a {@link
 * CoarseCloser}: a coarse tile is rolled up from the next finer resolution's tiles and manifests,
 * which the minutes or the closes before it wrote. Only then may a checkpoint carry {@code
 * sealedBeforeMs} and {@code builtThroughMsByResolution}.
 *
 * @param watermarkMs the view's watermark on the partition after the advance
 * @param minutes the sealed finest tiles, by entity key then start; never an empty tile
 * @param deferred instead of {@code minutes}, for a replica that does not write them ({@link
 *     OpenState#advanceWatermarkDeferred}): the sealed finest tiles, rows not computed, in no
 *     particular order
 * @param manifests per sealed finest tile start, the entities sealed there on the partition, by
 *     start; exactly the entities and starts of {@code minutes} (none with {@code deferred})
 * @param closes the closed coarse tiles, by resolution (finest first) then start
 * @param sealedBeforeMs every finest tile ending at or before this is now sealed ({@link
 *     OpenState#NO_TIME} while nothing is)
 * @param builtThroughMsByResolution per coarse resolution: its tiles ending at or before this are
 *     closed
 */
public record SealResult(
    long watermarkMs,
    List<SealedMinute> minutes,
    List<DeferredSeal> deferred,
    List<SealedManifest> manifests,
    List<CoarseClose> closes,
    long sealedBeforeMs,
    Map<Long, Long> builtThroughMsByResolution) {
  public SealResult {
    minutes = List.copyOf(minutes);
    deferred = List.copyOf(deferred);
    manifests = List.copyOf(manifests);
    closes = List.copyOf(closes);
    builtThroughMsByResolution = Map.copyOf(builtThroughMsByResolution);
  }

  /** Whether nothing was sealed or closed. */
  public boolean isEmpty() {
    return minutes.isEmpty() && deferred.isEmpty() && closes.isEmpty();
  }
}
