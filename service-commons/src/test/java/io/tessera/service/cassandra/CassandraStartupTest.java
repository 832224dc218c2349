package io.tessera.service.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

class CassandraStartupTest {

  @Test
  void waitsOutATimedOutSchemaChange() {
    assertThat(CassandraStartup.isTransient(new DriverTimeoutException("timed out after PT2S")))
        .isTrue();
  }

  @Test
  void waitsOutANodeThatDoesNotAnswerYet() {
    assertThat(CassandraStartup.isTransient(AllNodesFailedException.fromErrors(Map.of()))).isTrue();
  }

  @Test
  void waitsOutADriverFailureSpringTranslated() {
    assertThat(
            CassandraStartup.isTransient(
                new QueryTimeoutException("x", new DriverTimeoutException("timed out"))))
        .isTrue();
  }

  @Test
  void failsAtOnceOnAnInvalidStatement() {
    assertThat(CassandraStartup.isTransient(new InvalidQueryException(null, "unknown type")))
        .isFalse();
  }

  @Test
  void failsAtOnceOnAFailureOutsideTheDriver() {
    assertThat(CassandraStartup.isTransient(new IllegalStateException("bug"))).isFalse();
  }
}
