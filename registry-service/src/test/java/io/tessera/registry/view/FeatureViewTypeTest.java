package io.tessera.registry.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.validation.KinesisEndpoints;
import io.tessera.definitions.validation.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration refuses a Kinesis endpoint ingest would not read. */
class FeatureViewTypeTest {

  private final FeatureViewType type =
      new FeatureViewType(KinesisEndpoints.allowing(List.of("http://127.0.0.1:4567")));

  @Test
  void refusesAKinesisEndpointOffTheAllowListAtItsPath() {
    assertThat(type.check(view(", \"endpoint\": \"http://169.254.169.254\"")).problems())
        .extracting(Problem::path)
        .containsExactly("$.source.endpoint");
  }

  @Test
  void acceptsAllowedEndpointsAndAwsOwn() {
    assertThat(type.check(view(", \"endpoint\": \"http://127.0.0.1:4567\"")).isValid()).isTrue();
    assertThat(type.check(view("")).isValid()).isTrue();
  }

  private static String view(String endpoint) {
    return """
        {"name": "clicks", "entity": "user_id",
         "source": {"type": "kinesis", "stream": "clicks", "region": "us-east-1"%s},
         "schema": {"user_id": "string", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
        """
        .formatted(endpoint);
  }
}
