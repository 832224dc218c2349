package io.tessera.serving.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.registryclient.BackfillCompletions;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.DefinitionKind;
import io.tessera.registryclient.DeletionRecord;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The serving version while a semantic change fills its lineage: ready by the completion, taken
 * over once the new lineage's watermark here has caught up, never back.
 */
class ServingVersionsTest {

  private static final long NOW = Instant.parse("2026-12-06T12:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  private final BackfillCompletions completions = new BackfillCompletions();
  private final Map<String, Long> watermarks = new HashMap<>();
  private final ServingVersions versions =
      new ServingVersions(
          completions,
          lineage -> watermarks.getOrDefault(lineage, Long.MIN_VALUE),
          Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  @Test
  void theOldVersionServesUntilTheNewLineageIsBackfilledAndCaughtUp() {
    DefinitionHistory<FeatureView> history =
        history(version(1, VersionRecord.CREATED, false), version(2, "SEMANTIC", true));
    watermarks.put("v", NOW - 5_000);
    watermarks.put("v@2", NOW - 3 * 24 * 60 * MINUTE); // replaying three days back

    assertThat(versions.servingVersion(history)).hasValue(1); // backfill due
    completions.completed("v", 2);
    assertThat(versions.servingVersion(history)).hasValue(1); // completed, not caught up

    watermarks.put("v@2", NOW - 6_000); // behind v1 by a second, within the expected freshness
    assertThat(versions.servingVersion(history)).hasValue(2);

    watermarks.put("v@2", NOW - 3 * 24 * 60 * MINUTE); // whatever happens here later
    assertThat(versions.servingVersion(history)).as("never back").hasValue(2);
  }

  @Test
  void aNewLineageAsFarAsTheOldOneTakesOverWhenTheWholePipelineIsBehind() {
    DefinitionHistory<FeatureView> history =
        history(version(1, VersionRecord.CREATED, false), version(2, "SEMANTIC", true));
    completions.completed("v", 2);
    watermarks.put("v", NOW - 30 * MINUTE); // the pipeline is half an hour behind
    watermarks.put("v@2", NOW - 31 * MINUTE);
    assertThat(versions.servingVersion(history)).hasValue(1);

    watermarks.put("v@2", NOW - 30 * MINUTE);
    assertThat(versions.servingVersion(history)).hasValue(2);
  }

  @Test
  void aMetadataChangeOfTheNewLineageServesWithIt() {
    DefinitionHistory<FeatureView> history =
        history(
            version(1, VersionRecord.CREATED, false),
            version(2, "SEMANTIC", true),
            version(3, "METADATA_ONLY", false));
    watermarks.put("v", NOW - 5_000);
    watermarks.put("v@2", NOW - 5_000);

    assertThat(versions.servingVersion(history)).as("lineage 2 not backfilled").hasValue(1);
    completions.completed("v", 2);
    assertThat(versions.servingVersion(history)).hasValue(3);
  }

  @Test
  void aFirstVersionServesWhileItsOwnBackfillRunsAndADeletedViewNotAtAll() {
    assertThat(versions.servingVersion(history(version(1, VersionRecord.CREATED, true))))
        .hasValue(1);

    DefinitionHistory<FeatureView> deleted =
        new DefinitionHistory<>(
            "v",
            history(version(1, VersionRecord.CREATED, false)).versions(),
            Optional.of(new DeletionRecord(DefinitionKind.VIEW, "v", 1, "test", Instant.EPOCH)));
    assertThat(versions.servingVersion(deleted)).isEmpty();
    assertThat(versions.servingVersion(null)).isEmpty();
  }

  private static RegisteredDefinition<FeatureView> version(
      int version, String changeKind, boolean backfillDue) {
    String json =
        """
        {"name": "v", "entity": "user_id", "source": {"type": "kafka", "topic": "t"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "spend", "function": "sum", "input": "amount",
                       "windows": ["%s"]}],
         "expectedFreshness": "1m"}
        """
            .formatted(version == 2 ? "2h" : "1h");
    FeatureView view = DefinitionJson.readView(json).orThrow();
    VersionRecord record =
        new VersionRecord(
            DefinitionKind.VIEW,
            "v",
            version,
            "hash-" + version,
            changeKind,
            backfillDue,
            "test",
            Instant.EPOCH,
            DefinitionJson.toTree(view));
    return new RegisteredDefinition<>(record, view);
  }

  @SafeVarargs
  private static DefinitionHistory<FeatureView> history(
      RegisteredDefinition<FeatureView>... versions) {
    TreeMap<Integer, RegisteredDefinition<FeatureView>> byVersion = new TreeMap<>();
    for (RegisteredDefinition<FeatureView> version : versions) {
      byVersion.put(version.version(), version);
    }
    return new DefinitionHistory<>("v", byVersion, Optional.empty());
  }
}
