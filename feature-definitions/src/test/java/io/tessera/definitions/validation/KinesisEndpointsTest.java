package io.tessera.definitions.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisEndpointsTest {

  private final KinesisEndpoints endpoints =
      KinesisEndpoints.allowing(
          List.of("http://127.0.0.1:4567", " https://kinesis.internal/ ", ""));

  @Test
  void allowsConfiguredEndpointsBySchemeHostAndPort() {
    assertThat(endpoints.allows("http://127.0.0.1:4567")).isTrue();
    assertThat(endpoints.allows("http://127.0.0.1:4567/")).isTrue();
    assertThat(endpoints.allows("HTTPS://Kinesis.Internal:443")).isTrue();
    assertThat(endpoints.allows("https://kinesis.internal")).isTrue();
  }

  @Test
  void refusesEverythingElse() {
    assertThat(endpoints.allows("http://127.0.0.1:4568")).isFalse();
    assertThat(endpoints.allows("https://127.0.0.1:4567")).isFalse();
    assertThat(endpoints.allows("http://169.254.169.254/latest/meta-data")).isFalse();
    assertThat(endpoints.allows("http://kinesis.internal")).isFalse();
    assertThat(endpoints.allows("file:///etc/passwd")).isFalse();
    assertThat(endpoints.allows("not a url")).isFalse();
    assertThat(KinesisEndpoints.allowing(List.of()).allows("http://127.0.0.1:4567")).isFalse();
  }

  @Test
  void aViewNamingAnEndpointOffTheListHasAProblemAtItsEndpoint() {
    assertThat(endpoints.check(view("\"endpoint\": \"http://169.254.169.254\",")))
        .hasValueSatisfying(problem -> assertThat(problem.path()).isEqualTo("$.source.endpoint"));
    assertThat(endpoints.check(view("\"endpoint\": \"http://127.0.0.1:4567\","))).isEmpty();
    assertThat(endpoints.check(view(""))).as("AWS's own endpoint").isEmpty();
  }

  @Test
  void aConfiguredEntryThatIsNoEndpointIsAMistake() {
    assertThatThrownBy(() -> KinesisEndpoints.allowing(List.of("ftp://host")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static FeatureView view(String endpoint) {
    return DefinitionJson.readView(
            """
            {"name": "clicks", "entity": "user_id",
             "source": {"type": "kinesis", "stream": "clicks", "region": "us-east-1", %s
                        "format": "json"},
             "schema": {"user_id": "string", "ts": "long"},
             "eventTime": {"field": "ts", "format": "epoch_millis"},
             "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
            """
                .formatted(endpoint))
        .orThrow();
  }
}
