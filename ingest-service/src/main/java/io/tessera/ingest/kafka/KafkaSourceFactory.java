package io.tessera.ingest.kafka;

import io.tessera.definitions.view.KafkaSource;
import io.tessera.definitions.view.StreamSource;
import io.tessera.ingest.IngestProperties;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.views.FedVersion;
import io.tessera.ingest.views.SourceConsumer;
import io.tessera.ingest.views.SourceConsumerFactory;
import io.tessera.ingest.watermark.InstanceWatermarks;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Starts a {@link KafkaViewConsumer} per view version whose source is a Kafka topic. */
public final class KafkaSourceFactory implements SourceConsumerFactory {

  private final Map<String, Object> consumerProperties;
  private final ConsumerGroups groups;
  private final IngestPipeline pipeline;
  private final IngestMetrics metrics;
  private final IngestProperties.Kafka settings;
  private final InstanceWatermarks watermarks;

  public KafkaSourceFactory(
      Map<String, Object> consumerProperties,
      Map<String, Object> adminProperties,
      IngestProperties.Kafka settings,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      InstanceWatermarks watermarks) {
    this.consumerProperties = Map.copyOf(consumerProperties);
    this.groups = new ConsumerGroups(settings.groupPrefix(), adminProperties);
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.settings = settings;
    this.watermarks = watermarks;
  }

  @Override
  public boolean handles(StreamSource source) {
    return source instanceof KafkaSource;
  }

  @Override
  public SourceConsumer start(FedVersion fed) {
    CompiledView view = fed.view();
    groups.handOver(view, fed.predecessor());
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groups.groupId(view));
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, groups.groupId(view) + "-" + System.nanoTime());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    // Records of aborted producer transactions never happened; do not normalize them.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A source topic is the user's: wait for it rather than create it with default settings.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return new KafkaViewConsumer(
            view, config, pipeline, metrics, settings.retryBackoff(), watermarks)
        .start();
  }
}
