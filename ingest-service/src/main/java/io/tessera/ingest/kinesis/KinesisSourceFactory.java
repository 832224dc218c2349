package io.tessera.ingest.kinesis;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.definitions.validation.KinesisEndpoints;
import io.tessera.definitions.view.KinesisSource;
import io.tessera.definitions.view.StreamSource;
import io.tessera.ingest.IngestProperties;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.views.FedVersion;
import io.tessera.ingest.views.SourceConsumer;
import io.tessera.ingest.views.SourceConsumerFactory;
import io.tessera.ingest.views.SourceRefusedException;
import io.tessera.ingest.watermark.InstanceWatermarks;
import io.tessera.service.cassandra.CassandraStartup;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts a {@link KinesisViewConsumer} per view version whose source is a Kinesis stream, if the
 * stream's endpoint is AWS's own or one of {@code tessera.kinesis.allowed-endpoints} (or {@code
 * tessera.kinesis.endpoint}, the default one the platform itself configured).
 */
public final class KinesisSourceFactory implements SourceConsumerFactory, AutoCloseable {

  private final KinesisClients clients;
  private final KinesisEndpoints endpoints;
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
      KinesisEndpoints endpoints,
      IngestProperties.Kinesis settings,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      InstanceWatermarks watermarks) {
    this.clients = new KinesisClients(defaultEndpoint);
    this.endpoints = endpoints;
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
  public SourceConsumer start(FedVersion fed) {
    // Checkpoints and leases are per lineage and stream, not per version: a version continuing
    // its predecessor's lineage finds the predecessor's checkpoints without a hand-over.
    CompiledView view = fed.view();
    KinesisSource source = (KinesisSource) view.definition().source();
    // Before any client exists: a request to an endpoint off the list would carry AWS credentials.
    endpoints
        .check(view.definition())
        .ifPresent(
            problem -> {
              throw new SourceRefusedException(problem.message());
            });
    ShardContext context =
        new ShardContext(
            view,
            fed.lineage(),
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
