package io.tessera.definitions.version;

import io.tessera.definitions.json.JsonPaths;
import io.tessera.definitions.view.FeatureView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Says what a change between two versions of a view means, for the registry's dry-run plan.
 *
 * <p>Fields that decide which events count, what their values, keys and times are, or how they
 * aggregate are semantic: the tiles of the new version differ, so it is backfilled.
 *
 * <ul>
 *   <li>{@code source}, {@code batchSource}: other events (backfill reads the batch source, so a
 *       different one can give different tiles even when the stream is the same);
 *   <li>{@code schema}: coercion decides which events are dead-lettered and what values are;
 *   <li>{@code eventTime}, {@code eventId}: which window an event falls in; which events are
 *       duplicates;
 *   <li>{@code entity}: the key tiles are stored under;
 *   <li>{@code transformation}: which events pass, and the derived values;
 *   <li>a feature's {@code name}, {@code function}, {@code params}, {@code input}, {@code windows},
 *       and adding or removing a feature: what is aggregated;
 *   <li>{@code resolutions}: the tile layout itself;
 *   <li>{@code allowedLateness}: which late events still change a tile and which are dead-lettered
 *       as too late.
 * </ul>
 *
 * <p>The rest is metadata for tiles: {@code description}, {@code owner}, {@code tags}; {@code
 * expectedFreshness} (only how serving labels a value); {@code retention} (how long raw events are
 * kept, which validation keeps long enough for every window, so no value changes); and a feature's
 * {@code default} (applied by serving to an empty window, after the tiles).
 */
public final class ChangeClassifier {

  private static final Set<String> METADATA_FIELDS =
      Set.of("description", "owner", "tags", "expectedFreshness", "retention");

  private ChangeClassifier() {}

  public static Change classify(FeatureView before, FeatureView after) {
    JsonNode old = CanonicalForm.of(before);
    JsonNode now = CanonicalForm.of(after);
    List<ChangedPath> paths = new ArrayList<>();
    for (String field : fieldsOf(old, now)) {
      String path = JsonPaths.member(JsonPaths.ROOT, field);
      if (field.equals("features")) {
        diffFeatures(old.get(field), now.get(field), paths);
      } else {
        ChangeKind kind =
            METADATA_FIELDS.contains(field) ? ChangeKind.METADATA_ONLY : ChangeKind.SEMANTIC;
        diff(path, old.get(field), now.get(field), kind, paths);
      }
    }
    ChangeKind overall =
        paths.stream().map(ChangedPath::kind).max(Enum::compareTo).orElse(ChangeKind.NONE);
    return new Change(overall, paths);
  }

  private static void diffFeatures(JsonNode old, JsonNode now, List<ChangedPath> paths) {
    Map<String, JsonNode> oldByName = byName(old);
    Map<String, JsonNode> nowByName = byName(now);
    Set<String> names = new LinkedHashSet<>(oldByName.keySet());
    names.addAll(nowByName.keySet());
    for (String name : names) {
      String path = "$.features[?(@.name=='" + name.replace("'", "\\'") + "')]";
      JsonNode oldFeature = oldByName.get(name);
      JsonNode nowFeature = nowByName.get(name);
      if (oldFeature == null || nowFeature == null) {
        diff(path, oldFeature, nowFeature, ChangeKind.SEMANTIC, paths);
        continue;
      }
      for (String field : fieldsOf(oldFeature, nowFeature)) {
        ChangeKind kind = field.equals("default") ? ChangeKind.METADATA_ONLY : ChangeKind.SEMANTIC;
        diff(
            JsonPaths.member(path, field),
            oldFeature.get(field),
            nowFeature.get(field),
            kind,
            paths);
      }
    }
  }

  /** Objects are compared member by member; anything else, arrays included, as a whole. */
  private static void diff(
      String path, JsonNode old, JsonNode now, ChangeKind kind, List<ChangedPath> paths) {
    if (Objects.equals(old, now)) {
      return;
    }
    if (old != null && now != null && old.isObject() && now.isObject()) {
      for (String member : fieldsOf(old, now)) {
        diff(JsonPaths.member(path, member), old.get(member), now.get(member), kind, paths);
      }
      return;
    }
    paths.add(new ChangedPath(path, kind));
  }

  private static Map<String, JsonNode> byName(JsonNode features) {
    Map<String, JsonNode> byName = new TreeMap<>();
    if (features != null) {
      features.forEach(feature -> byName.put(feature.get("name").stringValue(), feature));
    }
    return byName;
  }

  private static Set<String> fieldsOf(JsonNode old, JsonNode now) {
    Set<String> fields = new LinkedHashSet<>();
    if (old != null) {
      fields.addAll(old.propertyNames());
    }
    if (now != null) {
      fields.addAll(now.propertyNames());
    }
    return fields;
  }
}
