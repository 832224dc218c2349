package io.tessera.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.service.FeatureReference;
import io.tessera.definitions.validation.RegisteredViews;
import org.junit.jupiter.api.Test;

class RegistrySnapshotTest {

  @Test
  void theLatestViewIsTheHighestVersionAndEveryVersionStays() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("user_txn", 1, "txn_count"))
            .with(Fixtures.view("user_txn", 2, "purchases"));

    assertThat(snapshot.latestView("user_txn").orElseThrow().version()).isEqualTo(2);
    assertThat(snapshot.view("user_txn", 1).orElseThrow().definition().feature("txn_count"))
        .isPresent();
    assertThat(snapshot.liveViewNames()).containsExactly("user_txn");
  }

  @Test
  void aVersionReadTwiceChangesNothing() {
    RegistrySnapshot once = RegistrySnapshot.EMPTY.with(Fixtures.view("user_txn", 1, "n"));

    assertThat(once.with(Fixtures.view("user_txn", 1, "n"))).isSameAs(once);
  }

  @Test
  void versionsArrivingOutOfOrderStillGiveTheHighestAsLatest() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("user_txn", 2, "purchases"))
            .with(Fixtures.view("user_txn", 1, "txn_count"));

    assertThat(snapshot.latestView("user_txn").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void aDeletionHidesTheNameButKeepsItsHistory() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("user_txn", 1, "txn_count"))
            .with(Fixtures.deletion(DefinitionKind.VIEW, "user_txn", 1));

    assertThat(snapshot.latestView("user_txn")).isEmpty();
    assertThat(snapshot.view("user_txn", 1)).isPresent();
    assertThat(snapshot.views().get("user_txn").isDeleted()).isTrue();
    assertThat(snapshot.liveViewNames()).isEmpty();
    assertThat(snapshot.view(FeatureReference.parse("user_txn@1:txn_count"))).isEmpty();
  }

  @Test
  void aVersionAfterTheDeletionRevivesTheName() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("user_txn", 1, "txn_count"))
            .with(Fixtures.deletion(DefinitionKind.VIEW, "user_txn", 1))
            .with(Fixtures.view("user_txn", 2, "txn_count"));

    assertThat(snapshot.latestView("user_txn").orElseThrow().version()).isEqualTo(2);
    assertThat(snapshot.views().get("user_txn").isDeleted()).isFalse();
  }

  @Test
  void anOlderDeletionMarkerDeletesNothingNew() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("user_txn", 2, "txn_count"))
            .with(Fixtures.deletion(DefinitionKind.VIEW, "user_txn", 2));

    assertThat(snapshot.with(Fixtures.deletion(DefinitionKind.VIEW, "user_txn", 1)))
        .isSameAs(snapshot);
  }

  @Test
  void aPinnedReferenceResolvesToItsVersionAndAnUnpinnedOneToTheLatest() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("user_txn", 1, "txn_count"))
            .with(Fixtures.view("user_txn", 2, "purchases"));

    assertThat(
            snapshot.view(FeatureReference.parse("user_txn@1:txn_count")).orElseThrow().version())
        .isEqualTo(1);
    assertThat(snapshot.view(FeatureReference.parse("user_txn:purchases")).orElseThrow().version())
        .isEqualTo(2);
  }

  @Test
  void servicesAndViewsAreSeparateNamespaces() {
    RegistrySnapshot snapshot =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("fraud", 1, "txn_count"))
            .with(Fixtures.service("fraud", 1, "fraud:spend"))
            .with(Fixtures.deletion(DefinitionKind.SERVICE, "fraud", 1));

    assertThat(snapshot.latestView("fraud")).isPresent();
    assertThat(snapshot.latestService("fraud")).isEmpty();
    assertThat(snapshot.service("fraud", 1).orElseThrow().definition().features())
        .containsExactly(FeatureReference.parse("fraud:spend"));
  }

  @Test
  void validationSeesOnlyLiveViews() {
    RegisteredViews views =
        RegistrySnapshot.EMPTY
            .with(Fixtures.view("live", 1, "txn_count"))
            .with(Fixtures.view("gone", 1, "txn_count"))
            .with(Fixtures.deletion(DefinitionKind.VIEW, "gone", 1))
            .asRegisteredViews();

    assertThat(views.latestVersion("live")).hasValue(1);
    assertThat(views.latestVersion("gone")).isEmpty();
    assertThat(views.version("live", 1)).isPresent();
  }
}
