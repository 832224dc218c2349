package io.tessera.ingest.kinesis;

import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.watermark.SourceWatermark;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * What every shard reader of one view version shares.
 *
 * @param leaseName the name its leases and checkpoints are kept under: the storage name of the
 *     version's tile lineage, so a metadata-only change continues from the old version's
 *     checkpoints and a new lineage reads the stream from its oldest record, beside the old one
 */
record ShardContext(
    CompiledView view,
    String leaseName,
    String stream,
    KinesisClient client,
    ShardLeaseTable leases,
    String worker,
    IngestPipeline pipeline,
    IngestMetrics metrics,
    Duration pollInterval,
    int maxRecordsPerCall,
    Duration leaseDuration,
    SourceWatermark watermark) {}
