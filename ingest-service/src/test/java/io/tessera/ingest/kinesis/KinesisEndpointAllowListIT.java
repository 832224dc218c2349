package io.tessera.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.views.SourceSupervisor;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user's report: a Kinesis source's {@code endpoint} could be any URL, and ingest sent signed
 * requests there. A view naming an endpoint off {@code tessera.kinesis.allowed-endpoints} is never
 * read: its consumer does not start, and not one connection reaches that endpoint, while views on
 * allowed sources run.
 */
@RealStackTest
class KinesisEndpointAllowListIT {

  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));

  @Test
  void aViewNamingAnEndpointOffTheListIsNeverRead() throws Exception {
    String refused = UniqueNames.of("refused_view");
    String control = UniqueNames.of("control_view");
    String topic = UniqueNames.of("src");
    RegistryTopic registry = new RegistryTopic(topics.registry());
    RegistryTopic.Topics.create(topic, 1);
    try (ServerSocket elsewhere = new ServerSocket(0)) {
      elsewhere.setSoTimeout(200);
      registry.publishView(
          view(
              refused,
              "{\"type\": \"kinesis\", \"stream\": \"s\", \"region\": \"us-east-1\","
                  + " \"endpoint\": \"http://127.0.0.1:"
                  + elsewhere.getLocalPort()
                  + "\"}"),
          1);
      registry.publishView(view(control, "{\"type\": \"kafka\", \"topic\": \"" + topic + "\"}"), 1);
      try (IngestInstance ingest = IngestInstance.start(topics, Map.of())) {
        SourceSupervisor supervisor = ingest.bean(SourceSupervisor.class);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> supervisor.runningVersions().containsKey(control));
        // Several reconciles (every second here) try the refused view again: none may connect.
        long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < until) {
          try {
            elsewhere.accept().close();
            throw new AssertionError("ingest connected to an endpoint off the allow-list");
          } catch (SocketTimeoutException expected) {
            // nothing came
          }
        }
        assertThat(supervisor.runningVersions()).containsKey(control).doesNotContainKey(refused);
      }
    }
  }

  private static String view(String name, String source) {
    return """
        {"name": "%s", "entity": "user_id", "source": %s,
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "spend", "function": "sum", "input": "amount", "windows": ["1h"]}]}
        """
        .formatted(name, source);
  }
}
