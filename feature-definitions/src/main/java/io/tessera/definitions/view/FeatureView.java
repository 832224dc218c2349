package io.tessera.definitions.view;

import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A feature view: features over the events of one stream, keyed by an entity. The unit that is
 * registered, versioned, tiled and backfilled.
 *
 * <p>The constructor checks only what every instance needs (no nulls, no negative durations,
 * immutable copies). Whether names are valid, columns exist and types fit is for {@code
 * FeatureViewValidator}, which reports every problem at once.
 *
 * @param name the view's name; with the entity key it keys the normalized events
 * @param entity the join-key columns, in key order
 * @param source the stream source
 * @param batchSource the batch source that mirrors the stream, for backfill
 * @param schema the declared payload columns
 * @param eventTime the event-time column and its format
 * @param eventId the column that identifies an event; required with a batch source, because only a
 *     real id de-duplicates an event seen by both backfill and the stream
 * @param transformation the filter and derived columns
 * @param features the aggregation features, in declared order
 * @param resolutions the tile sizes
 * @param allowedLatenessMs how long after a tile closes late events still change it; older tiles
 *     are sealed and late events are dead-lettered as {@code too_late}
 * @param retentionMs how long the event log keeps events
 * @param expectedFreshnessMs how old the newest event may be before serving reports a value as
 *     {@code stale}
 * @param description free text for people
 * @param owner who to ask about the view, such as a team address
 * @param tags labels for search and ownership
 */
public record FeatureView(
    String name,
    List<String> entity,
    StreamSource source,
    Optional<BatchSource> batchSource,
    PayloadSchema schema,
    EventTime eventTime,
    Optional<String> eventId,
    Transformation transformation,
    List<FeatureSpec> features,
    TileResolutions resolutions,
    long allowedLatenessMs,
    long retentionMs,
    long expectedFreshnessMs,
    String description,
    String owner,
    Map<String, String> tags) {

  /** Five minutes: covers producer retries and small clock skew without holding tiles open long. */
  public static final long DEFAULT_ALLOWED_LATENESS_MS = 5 * 60_000L;

  /** One minute: a stream that falls further behind than that is worth flagging. */
  public static final long DEFAULT_EXPECTED_FRESHNESS_MS = 60_000L;

  public FeatureView {
    Objects.requireNonNull(name, "name");
    entity = List.copyOf(entity);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(batchSource, "batchSource");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(transformation, "transformation");
    features = List.copyOf(features);
    Objects.requireNonNull(resolutions, "resolutions");
    requireNonNegative(allowedLatenessMs, "allowedLatenessMs");
    requireNonNegative(retentionMs, "retentionMs");
    requireNonNegative(expectedFreshnessMs, "expectedFreshnessMs");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(owner, "owner");
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /**
   * The shortest retention that keeps every event a read may need: the longest fixed window plus
   * the coarsest tile. The tile that holds a window's old edge starts up to one coarsest tile
   * before the window does, and rebuilding it (a late event, a recomputation) needs all of its
   * events from the log. Lifetime windows live in tiles only, so they need no retention; a view
   * with only lifetime windows still keeps one coarsest tile of events.
   */
  public static long requiredRetentionMs(
      Collection<FeatureSpec> features, TileResolutions resolutions) {
    return longestFixedWindowMs(features) + resolutions.coarsestMs();
  }

  /** The longest window that is not {@code lifetime}, or 0 if there is none. */
  public static long longestFixedWindowMs(Collection<FeatureSpec> features) {
    return features.stream()
        .flatMap(feature -> feature.windows().stream())
        .filter(window -> !window.isLifetime())
        .mapToLong(WindowSpec::sizeMs)
        .max()
        .orElse(0L);
  }

  public Optional<FeatureSpec> feature(String featureName) {
    return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
  }

  private static void requireNonNegative(long ms, String what) {
    if (ms < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + ms);
    }
  }
}
