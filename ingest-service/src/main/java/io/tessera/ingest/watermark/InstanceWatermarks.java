package io.tessera.ingest.watermark;

import io.tessera.records.watermark.ViewVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This ingest instance's watermark per view version: the minimum over the view version's source
 * consumers here (normally one; briefly two while a restarted consumer replaces a dead one), and
 * never above the wall clock once the view version received pushed events here, because push is
 * always "fully read" and its watermark is the wall clock.
 *
 * <p>Only view versions whose stream source (Kafka topic, Kinesis stream) this instance reads have
 * a watermark: a push alone would publish the wall clock, which may be days ahead of a backlog
 * another instance is still reading, and readers never move a watermark back. Pushed events older
 * than the view's watermark minus its allowed lateness are therefore late downstream, as intended:
 * push is for live events.
 */
public final class InstanceWatermarks {

  private final Map<ViewVersion, Set<SourceWatermark>> sources = new ConcurrentHashMap<>();
  private final Set<ViewVersion> pushed = ConcurrentHashMap.newKeySet();

  /** A new source consumer of {@code view}'s {@code version} starts reading here. */
  public SourceWatermark register(String view, int version) {
    SourceWatermark source = new SourceWatermark(new ViewVersion(view, version));
    sources.computeIfAbsent(source.viewVersion(), v -> ConcurrentHashMap.newKeySet()).add(source);
    return source;
  }

  /**
   * The source consumer stopped (view deleted or changed, shutdown, fatal error). When it was the
   * view version's last one here, the view version has no watermark here any more: the publisher
   * retires it.
   */
  public void unregister(SourceWatermark source) {
    sources.computeIfPresent(
        source.viewVersion(),
        (view, set) -> {
          set.remove(source);
          if (set.isEmpty()) {
            pushed.remove(view);
            return null;
          }
          return set;
        });
  }

  /** Events of the view version were pushed here and acknowledged. */
  public void pushed(String view, int version) {
    ViewVersion key = new ViewVersion(view, version);
    if (sources.containsKey(key)) {
      pushed.add(key);
    }
  }

  /**
   * Every view version read here that reads at least one partition or shard: its watermark, or
   * empty while one of its partitions holds it back. A view version missing from the answer holds
   * nothing back here any more.
   */
  public Map<ViewVersion, OptionalLong> read(long nowMs) {
    Map<ViewVersion, OptionalLong> readings = new HashMap<>();
    sources.forEach(
        (view, set) -> {
          long min = Long.MAX_VALUE;
          boolean readsSomething = false;
          boolean held = false;
          for (SourceWatermark source : set) {
            if (source.readsNothing()) {
              continue;
            }
            readsSomething = true;
            OptionalLong watermark = source.watermarkMs();
            if (watermark.isEmpty()) {
              held = true;
            } else {
              min = Math.min(min, watermark.getAsLong());
            }
          }
          if (!readsSomething) {
            return;
          }
          if (held) {
            readings.put(view, OptionalLong.empty());
          } else {
            readings.put(view, OptionalLong.of(pushed.contains(view) ? Math.min(min, nowMs) : min));
          }
        });
    return readings;
  }
}
