/**
 * Ingest's side of the in-band watermarks: each source consumer reports what it read and published
 * per partition or shard ({@link io.tessera.ingest.watermark.SourceWatermark}), the instance takes
 * the minimum per view version ({@link io.tessera.ingest.watermark.InstanceWatermarks}), and the
 * {@link io.tessera.ingest.watermark.WatermarkPublisher} writes it into every partition of the
 * normalized topic. Readers combine the publishers with {@code
 * io.tessera.records.watermark.PartitionWatermarks}.
 */
package io.tessera.ingest.watermark;
