package io.tessera.ingest.kinesis;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.definitions.view.KinesisSource;
import io.tessera.definitions.view.StreamSource;
import io.tessera.ingest.IngestProperties;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.views.SourceConsumer;
import io.tessera.ingest.views.SourceConsumerFactory;
import io.tessera.ingest.watermark.InstanceWatermarks;
import io.tessera.service.cassandra.CassandraStartup;
import java.util.Optional;
import java.util.UUID;

/** Starts a {@link KinesisViewConsumer} per view version whose source is a Kinesis stream. */
public final class KinesisSourceFactory implements SourceConsumerFactory, AutoCloseable {

  private final KinesisClients clients;
  private final ShardLeaseTable leases;
  private final IngestPipeline pipeline;
  private final IngestMetrics metrics;
  private final IngestProperties.Kinesis settings;
  private final String worker;
  private final InstanceWatermarks watermarks;

  public KinesisSourceFactory(
      CqlSession session,
      CassandraStartup startup,
      Optional<String> defaultEndpoint,
      IngestProperties.Kinesis settings,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      InstanceWatermarks watermarks) {
    this.clients = new KinesisClients(defaultEndpoint);
    this.leases = new ShardLeaseTable(session, startup);
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.settings = settings;
    this.watermarks = watermarks;
    this.worker =
        settings.workerId().isBlank() ? "ingest-" + UUID.randomUUID() : settings.workerId();
  }

  @Override
  public boolean handles(StreamSource source) {
    return source instanceof KinesisSource;
  }

  @Override
  public SourceConsumer start(CompiledView view, Optional<CompiledView> predecessor) {
    // Checkpoints and leases are per view and stream, not per version: nothing to hand over.
    KinesisSource source = (KinesisSource) view.definition().source();
    ShardContext context =
        new ShardContext(
            view,
            source.stream(),
            clients.clientFor(source),
            leases,
            worker,
            pipeline,
            metrics,
            settings.pollInterval(),
            settings.maxRecordsPerCall(),
            settings.leaseDuration(),
            watermarks.register(view.name(), view.version()));
    return new KinesisViewConsumer(context, settings.shardSyncInterval(), watermarks).start();
  }

  @Override
  public void close() {
    clients.close();
  }
}
