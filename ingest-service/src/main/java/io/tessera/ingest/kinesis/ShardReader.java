package io.tessera.ingest.kinesis;

import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.ingest.pipeline.RecordPublisher.PublishFailedException;
import io.tessera.records.deadletter.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one leased shard on its own thread: GetRecords, publish the batch through the pipeline,
 * then move the checkpoint (which also renews the lease) — in that order, so a crash re-reads from
 * the checkpoint and never skips. At SHARD_END it marks the shard finished and lets go of it, which
 * frees its children. It stops when its lease is lost or it is closed.
 *
 * <p>It reports to the view version's {@link io.tessera.ingest.watermark.SourceWatermark} the
 * newest event time it published, and whether the shard is fully read ({@code millisBehindLatest ==
 * 0}); a shard read to its end, or no longer read by this worker, stops holding anything back.
 */
final class ShardReader {

  private static final System.Logger LOG = System.getLogger(ShardReader.class.getName());

  private final ShardContext context;
  private final String shard;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean leaseHeld = true;
  private Optional<String> checkpoint;

  ShardReader(ShardContext context, String shard, Optional<String> checkpoint) {
    this.context = context;
    this.shard = shard;
    this.checkpoint = checkpoint;
    this.thread = new Thread(this::run, "ingest-kinesis-" + context.view().label() + "-" + shard);
    this.thread.setDaemon(true);
  }

  ShardReader start() {
    thread.start();
    return this;
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  /**
   * Stops reading after the batch in hand is published and checkpointed (no interrupt: a batch
   * half-published would be read again), then releases the lease.
   */
  void close() {
    running = false;
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (leaseHeld) {
      context.leases().release(context.leaseName(), context.stream(), shard, context.worker());
    }
  }

  private void run() {
    context.watermark().assigned(shard);
    try {
      read();
    } finally {
      context.watermark().revoked(shard);
    }
  }

  private void read() {
    String iterator = null;
    Instant renewAt = Instant.now();
    while (running) {
      try {
        if (iterator == null) {
          iterator = iterator();
        }
        String current = iterator;
        // The shard's tip in the answer is at least as new as the call: when the answer says it
        // is 0 ms behind, every record written before this instant has been read.
        long callStartMs = System.currentTimeMillis();
        GetRecordsResponse response =
            context
                .client()
                .getRecords(b -> b.shardIterator(current).limit(context.maxRecordsPerCall()));
        String next = response.nextShardIterator();
        if (!response.records().isEmpty()) {
          publish(response.records());
          renewAt = renewTime();
        } else if (Instant.now().isAfter(renewAt)) {
          if (!renew()) {
            return;
          }
          renewAt = renewTime();
        }
        if (!leaseHeld) {
          return;
        }
        if (response.millisBehindLatest() != null) {
          context
              .metrics()
              .kinesisMillisBehind(context.view().name(), shard, response.millisBehindLatest());
        }
        if (Long.valueOf(0).equals(response.millisBehindLatest())) {
          context.watermark().fullyRead(shard, callStartMs);
        } else {
          context.watermark().behind(shard);
        }
        if (next == null) {
          finish();
          return;
        }
        iterator = next;
        if (response.records().isEmpty()) {
          Thread.sleep(context.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (ExpiredIteratorException e) {
        iterator = null;
      } catch (PublishFailedException | SdkException e) {
        if (!running) {
          return;
        }
        LOG.log(System.Logger.Level.WARNING, "reading " + shard + " failed; retrying: " + e);
        context.watermark().behind(shard);
        iterator = null; // from the checkpoint again: the batch was not published
        pause();
      }
    }
  }

  private String iterator() {
    return context
        .client()
        .getShardIterator(
            b -> {
              b.streamName(context.stream()).shardId(shard);
              if (checkpoint.isPresent()) {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(checkpoint.get());
              } else {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
              }
            })
        .shardIterator();
  }

  private void publish(List<Record> records) {
    List<SourceEvent> events = new ArrayList<>(records.size());
    for (Record record : records) {
      events.add(
          new SourceEvent(
              record.data().asByteArray(),
              new SourcePosition("kinesis", context.stream(), shard, record.sequenceNumber()),
              record.approximateArrivalTimestamp() == null
                  ? System.currentTimeMillis()
                  : record.approximateArrivalTimestamp().toEpochMilli()));
    }
    context
        .pipeline()
        .process(context.view(), events)
        .newestEventMs()
        .forEach(context.watermark()::published);
    String last = records.get(records.size() - 1).sequenceNumber();
    leaseHeld =
        context
            .leases()
            .checkpoint(
                context.leaseName(),
                context.stream(),
                shard,
                context.worker(),
                last,
                Instant.now().plus(context.leaseDuration()));
    checkpoint = Optional.of(last);
    if (!leaseHeld) {
      LOG.log(System.Logger.Level.WARNING, "lost the lease of {0}; stopping", shard);
    }
  }

  private boolean renew() {
    leaseHeld =
        context
            .leases()
            .renew(
                context.leaseName(),
                context.stream(),
                shard,
                context.worker(),
                Instant.now().plus(context.leaseDuration()));
    return leaseHeld;
  }

  private void finish() {
    context
        .leases()
        .finish(
            context.leaseName(),
            context.stream(),
            shard,
            context.worker(),
            checkpoint.orElse(null));
    leaseHeld = false;
    LOG.log(System.Logger.Level.INFO, "{0} read to its end", shard);
  }

  private Instant renewTime() {
    return Instant.now().plus(context.leaseDuration().dividedBy(3));
  }

  private void pause() {
    try {
      Thread.sleep(Math.max(500, context.pollInterval().toMillis()));
    } catch (InterruptedException e) {
      running = false;
    }
  }
}
