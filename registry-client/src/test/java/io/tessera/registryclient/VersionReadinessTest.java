package io.tessera.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.view.FeatureView;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionReadinessTest {

  private static VersionRecord version(int version, String changeKind, boolean backfillDue) {
    VersionRecord base = Fixtures.view("user_txn", version, "txn_count");
    return new VersionRecord(
        base.kind(),
        base.name(),
        base.version(),
        base.contentHash(),
        changeKind,
        backfillDue,
        base.registeredBy(),
        base.registeredAt(),
        base.definition());
  }

  /** v1 created (no backfill), v2 semantic (backfill due), v3 metadata only of v2. */
  private static DefinitionHistory<FeatureView> history(VersionRecord... records) {
    RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;
    for (VersionRecord record : records) {
      snapshot = snapshot.with(record);
    }
    return snapshot.views().get("user_txn");
  }

  private static final VersionRecord V1 = version(1, VersionRecord.CREATED, false);
  private static final VersionRecord V2 = version(2, "SEMANTIC", true);
  private static final VersionRecord V3 = version(3, "METADATA_ONLY", false);

  @Test
  void whileANewLineageFillsTheOldVersionServesAndBothAreFed() {
    BackfillCompletions none = new BackfillCompletions();
    DefinitionHistory<FeatureView> history = history(V1, V2);

    assertThat(VersionReadiness.isReady(history, 2, none)).isFalse();
    assertThat(VersionReadiness.servingVersion(history, none)).hasValue(1);
    assertThat(VersionReadiness.fedVersions(history, none)).containsExactly(2, 1);
  }

  @Test
  void onceTheBackfillCompletedTheNewVersionServesAlone() {
    BackfillCompletions done = new BackfillCompletions();
    assertThat(done.completed("user_txn", 2)).isTrue();
    assertThat(done.completed("user_txn", 2)).isFalse();
    DefinitionHistory<FeatureView> history = history(V1, V2);

    assertThat(VersionReadiness.servingVersion(history, done)).hasValue(2);
    assertThat(VersionReadiness.fedVersions(history, done)).containsExactly(2);
  }

  @Test
  void aMetadataChangeOfAFillingLineageIsNoMoreReadyThanItsStart() {
    BackfillCompletions none = new BackfillCompletions();
    DefinitionHistory<FeatureView> history = history(V1, V2, V3);

    assertThat(VersionReadiness.isReady(history, 3, none)).isFalse();
    assertThat(VersionReadiness.servingVersion(history, none)).hasValue(1);
    assertThat(VersionReadiness.fedVersions(history, none)).containsExactly(3, 1);

    BackfillCompletions done = new BackfillCompletions();
    done.completed("user_txn", 2);
    assertThat(VersionReadiness.servingVersion(history, done)).hasValue(3);
    assertThat(VersionReadiness.fedVersions(history, done)).containsExactly(3);
  }

  @Test
  void aFirstVersionWaitingForItsBackfillServesSinceNothingOlderCan() {
    DefinitionHistory<FeatureView> history = history(version(1, VersionRecord.CREATED, true));

    assertThat(VersionReadiness.servingVersion(history, new BackfillCompletions())).hasValue(1);
    assertThat(VersionReadiness.fedVersions(history, new BackfillCompletions()))
        .isEqualTo(List.of(1));
  }
}
