package io.tessera.serving.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.batch.access.JdbcCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class JdbcCredentialsPropertiesTest {

  @Test
  void bindsEntriesByUrlPrefixAndTheLongestPrefixWins() {
    JdbcCredentials credentials =
        bind(new MapConfigurationPropertySource(
                Map.of(
                    "tessera.batch.jdbc.credentials[0].url-prefix", "jdbc:postgresql://db:5432/",
                    "tessera.batch.jdbc.credentials[0].user", "reader",
                    "tessera.batch.jdbc.credentials[0].password", "one",
                    "tessera.batch.jdbc.credentials[1].url-prefix",
                        "jdbc:postgresql://db:5432/shop",
                    "tessera.batch.jdbc.credentials[1].user", "shop_reader",
                    "tessera.batch.jdbc.credentials[1].password", "two")))
            .toCredentials();

    assertThat(credentials.forUrl("jdbc:postgresql://db:5432/shop").orElseThrow().user())
        .isEqualTo("shop_reader");
    assertThat(credentials.forUrl("jdbc:postgresql://db:5432/web").orElseThrow().user())
        .isEqualTo("reader");
    assertThat(credentials.forUrl("jdbc:postgresql://other:5432/web")).isEmpty();
  }

  @Test
  void takesThePasswordFromTheEnvironmentAndNeverPrintsIt() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "TESSERA_BATCH_JDBC_CREDENTIALS_0_URLPREFIX", "jdbc:postgresql://db/",
                    "TESSERA_BATCH_JDBC_CREDENTIALS_0_USER", "reader",
                    "TESSERA_BATCH_JDBC_CREDENTIALS_0_PASSWORD", "s3cret")));
    JdbcCredentialsProperties properties =
        Binder.get(environment).bind("tessera.batch.jdbc", JdbcCredentialsProperties.class).get();

    assertThat(properties.credentials()).hasSize(1);
    assertThat(properties.credentials().get(0).password()).isEqualTo("s3cret");
    assertThat(properties.toString()).doesNotContain("s3cret");
    assertThat(properties.toCredentials().forUrl("jdbc:postgresql://db/x").orElseThrow().toString())
        .doesNotContain("s3cret");
  }

  private static JdbcCredentialsProperties bind(MapConfigurationPropertySource source) {
    return new Binder(source).bind("tessera.batch.jdbc", JdbcCredentialsProperties.class).get();
  }
}
