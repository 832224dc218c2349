package io.tessera.ingest.kinesis;

import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.watermark.SourceWatermark;
import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** What every shard reader of one view version shares. */
record ShardContext(
    CompiledView view,
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
