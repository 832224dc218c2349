package io.tessera.registryclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  @Test
  void keysAVersionByKindNameAndVersion() {
    assertThat(Fixtures.view("user_txn", 3, "txn_count").key()).isEqualTo("view/user_txn/3");
    assertThat(Fixtures.service("fraud", 1, "user_txn:spend").key()).isEqualTo("service/fraud/1");
  }

  @Test
  void keysADeletionMarkerOncePerName() {
    assertThat(Fixtures.deletion(DefinitionKind.VIEW, "user_txn", 3).key())
        .isEqualTo("view/user_txn/deleted");
  }

  @Test
  void readsBackWhatItWrites() {
    VersionRecord version = Fixtures.view("user_txn", 2, "txn_count");
    DeletionRecord deletion = Fixtures.deletion(DefinitionKind.SERVICE, "fraud", 4);

    assertThat(RecordCodec.decode(version.key(), RecordCodec.value(version))).isEqualTo(version);
    assertThat(RecordCodec.decode(deletion.key(), RecordCodec.value(deletion))).isEqualTo(deletion);
  }

  @Test
  void readsTheVersionRecordFormatOfVersion1() throws IOException {
    String[] fixture = fixture("view-version.v1.txt");

    VersionRecord record = (VersionRecord) RecordCodec.decode(fixture[0], fixture[1]);

    assertThat(record.kind()).isEqualTo(DefinitionKind.VIEW);
    assertThat(record.name()).isEqualTo("user_txn");
    assertThat(record.version()).isEqualTo(2);
    assertThat(record.changeKind()).isEqualTo("SEMANTIC");
    assertThat(record.backfillDue()).isTrue();
    assertThat(record.registeredBy()).isEqualTo("ci");
    assertThat(record.registeredAt()).isEqualTo(Instant.parse("2026-03-10T14:37:25.120Z"));
    assertThat(record.definition().get("owner").asString()).isEqualTo("risk@example.com");
    assertThat(RegistrySnapshot.EMPTY.with(record).latestView("user_txn").orElseThrow())
        .extracting(v -> v.definition().features().get(0).name())
        .isEqualTo("spend");
  }

  @Test
  void readsTheDeletionFormatOfVersion1() throws IOException {
    String[] fixture = fixture("view-deleted.v1.txt");

    assertThat(RecordCodec.decode(fixture[0], fixture[1]))
        .isEqualTo(
            new DeletionRecord(
                DefinitionKind.VIEW,
                "user_txn",
                2,
                "alice",
                Instant.parse("2026-03-11T09:00:00Z")));
  }

  @Test
  void refusesRecordsWhoseKeyAndValueDisagree() {
    String value = RecordCodec.value(Fixtures.view("user_txn", 2, "txn_count"));

    assertThatThrownBy(() -> RecordCodec.decode("view/user_txn/3", value))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordCodec.decode("view/other/2", value))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordCodec.decode("table/user_txn/2", value))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordCodec.decode("view/user_txn/2", "{not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecordCodec.decode("view/user_txn/2", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String[] fixture(String name) throws IOException {
    try (InputStream in = RecordCodecTest.class.getResourceAsStream("/records/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n", 2);
    }
  }
}
