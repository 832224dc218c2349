package io.tessera.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.view.FeatureView;
import org.junit.jupiter.api.Test;

class TileLineageTest {

  /** v1 created, v2 metadata only, v3 semantic, v4 metadata only, v5 semantic. */
  private static final RegistrySnapshot SNAPSHOT =
      RegistrySnapshot.EMPTY
          .with(version(1, VersionRecord.CREATED))
          .with(version(2, "METADATA_ONLY"))
          .with(version(3, "SEMANTIC"))
          .with(version(4, "METADATA_ONLY"))
          .with(version(5, "SEMANTIC"));

  private static VersionRecord version(int version, String changeKind) {
    VersionRecord base = Fixtures.view("user_txn", version, "txn_count");
    return new VersionRecord(
        base.kind(),
        base.name(),
        base.version(),
        base.contentHash(),
        changeKind,
        changeKind.equals("SEMANTIC"),
        base.registeredBy(),
        base.registeredAt(),
        base.definition());
  }

  private static DefinitionHistory<FeatureView> history() {
    return SNAPSHOT.views().get("user_txn");
  }

  @Test
  void theFirstLineageIsStoredUnderThePlainViewName() {
    assertThat(TileLineage.storageName(history(), 1)).isEqualTo("user_txn");
  }

  @Test
  void aMetadataOnlyVersionKeepsThePreviousVersionsTiles() {
    assertThat(TileLineage.storageName(history(), 2)).isEqualTo("user_txn");
    assertThat(TileLineage.storageName(history(), 4)).isEqualTo("user_txn@3");
  }

  @Test
  void aSemanticChangeStartsANewLineageNamedByItsVersion() {
    assertThat(TileLineage.storageName(history(), 3)).isEqualTo("user_txn@3");
    assertThat(TileLineage.storageName(history(), 5)).isEqualTo("user_txn@5");
    assertThat(TileLineage.lineageStart(history(), 4)).isEqualTo(3);
  }

  @Test
  void aStorageNameSaysItsViewAndTheVersionThatStartedIt() {
    assertThat(TileLineage.viewOf("user_txn")).isEqualTo("user_txn");
    assertThat(TileLineage.startVersionOf("user_txn")).isEqualTo(1);
    assertThat(TileLineage.viewOf("user_txn@5")).isEqualTo("user_txn");
    assertThat(TileLineage.startVersionOf("user_txn@5")).isEqualTo(5);
  }

  @Test
  void findsTheNewestVersionOfEachLineageByItsStorageName() {
    assertThat(TileLineage.newestOf(SNAPSHOT, "user_txn").orElseThrow().version()).isEqualTo(2);
    assertThat(TileLineage.newestOf(SNAPSHOT, "user_txn@3").orElseThrow().version()).isEqualTo(4);
    assertThat(TileLineage.newestOf(SNAPSHOT, "user_txn@5").orElseThrow().version()).isEqualTo(5);
  }

  @Test
  void knowsNoLineageOfAnUnknownViewOrVersion() {
    assertThat(TileLineage.newestOf(SNAPSHOT, "other_view")).isEmpty();
    assertThat(TileLineage.newestOf(SNAPSHOT, "user_txn@2")).isEmpty();
  }

  @Test
  void aLineageStartedWithABatchSourceStreamsFromWhereTheSourceIsCompleteToAtItsRegistration() {
    long day = 86_400_000L;
    VersionRecord base = Fixtures.view("batched", 1, "txn_count");
    tools.jackson.databind.node.ObjectNode definition = base.definition().deepCopy();
    definition
        .putObject("batchSource")
        .put("type", "files")
        .put("format", "parquet")
        .put("path", "/data/tx/*.parquet")
        .put("delay", "36h");
    VersionRecord withBatch =
        new VersionRecord(
            base.kind(),
            base.name(),
            1,
            base.contentHash(),
            base.changeKind(),
            true,
            base.registeredBy(),
            base.registeredAt(),
            definition);
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY.with(withBatch).with(versionOf(withBatch, 2, "METADATA_ONLY"));
    DefinitionHistory<FeatureView> batched = snapshot.views().get("batched");

    long completeBeforeMs = Fixtures.AT.toEpochMilli() - 36 * 3_600_000L;
    long dayStart = completeBeforeMs - completeBeforeMs % day;
    assertThat(TileLineage.streamFromMs(batched, 1, day)).isEqualTo(dayStart);
    assertThat(TileLineage.streamFromMs(batched, 2, day))
        .as("a later version of the lineage, registered on another day, cuts at the same time")
        .isEqualTo(dayStart);
    assertThat(TileLineage.streamFromMs(history(), 3, day))
        .as("no batch source: the stream's history is the whole history")
        .isEqualTo(Long.MIN_VALUE);
  }

  private static VersionRecord versionOf(VersionRecord first, int version, String changeKind) {
    return new VersionRecord(
        first.kind(),
        first.name(),
        version,
        first.contentHash() + version,
        changeKind,
        false,
        first.registeredBy(),
        first.registeredAt().plusSeconds(3 * 86_400),
        first.definition());
  }
}
