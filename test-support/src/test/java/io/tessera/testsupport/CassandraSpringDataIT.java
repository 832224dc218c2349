package io.tessera.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.cassandra.core.CassandraTemplate;
import org.springframework.data.cassandra.core.mapping.PrimaryKey;
import org.springframework.data.cassandra.core.mapping.Table;

/** Writes and reads a row of the real Cassandra node through Spring Data Cassandra. */
@RealStackTest
class CassandraSpringDataIT {

  /** Reused by every run: the table is created once, rows are isolated by a unique key. */
  @Table("smoke_note")
  record SmokeNote(@PrimaryKey String id, String text, Instant writtenAt) {}

  @Test
  void writesAndReadsARowThroughSpringDataCassandra(LocalStack stack) {
    CqlSession session = stack.cqlSession();
    session.execute(
        "CREATE TABLE IF NOT EXISTS smoke_note (id text PRIMARY KEY, text text, writtenat"
            + " timestamp)");
    CassandraTemplate template = new CassandraTemplate(session);
    SmokeNote note =
        new SmokeNote(
            UniqueNames.of("note"), "hello, tiles", Instant.now().truncatedTo(ChronoUnit.MILLIS));

    template.insert(note);

    assertThat(template.selectOneById(note.id(), SmokeNote.class)).isEqualTo(note);
  }
}
