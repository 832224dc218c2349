package io.tessera.ingest.watermark;

import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.RecordPublisher;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.Watermark;
import io.tessera.records.watermark.ViewVersion;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes this instance's watermarks into the normalized topic: every {@code interval} it reads the
 * {@link InstanceWatermarks} and, for each view version whose watermark changed (or that has been
 * silent for {@code heartbeat}), writes one {@link Watermark} record into <em>every</em> partition
 * (explicit partition, no key), so that every reader of every partition sees it in order with the
 * events. The watermarks are computed from acknowledged events only, and records are sent after
 * those acknowledgements, so on each partition a watermark follows the events it covers.
 *
 * <p>The heartbeat keeps a live publisher from being expired by readers, which drop a publisher
 * once the partition's publication times move 30 s past its last record. While one of its
 * partitions holds a view version back, the heartbeat repeats the last published value, which adds
 * nothing a reader has not seen but keeps holding the view back. When the view version is no longer
 * read here (consumer closed, partitions revoked, shutdown) a retired watermark tells the readers
 * at once.
 *
 * <p>One thread does all the publishing, so a watermark can never follow its own retirement.
 */
public final class WatermarkPublisher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(WatermarkPublisher.class.getName());

  private record Published(long watermarkMs, long atMs) {}

  private final InstanceWatermarks watermarks;
  private final RecordPublisher publisher;
  private final IngestMetrics metrics;
  private final String topic;
  private final Duration interval;
  private final long heartbeatMs;
  private final InstantSource clock;
  private final String publisherId = "ingest-" + UUID.randomUUID();
  private final Map<ViewVersion, Published> published = new HashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ingest-watermarks");
            t.setDaemon(true);
            return t;
          });

  public WatermarkPublisher(
      InstanceWatermarks watermarks,
      RecordPublisher publisher,
      IngestMetrics metrics,
      String normalizedTopic,
      Duration interval,
      Duration heartbeat,
      InstantSource clock) {
    if (interval.isNegative() || interval.isZero() || heartbeat.compareTo(interval) < 0) {
      throw new IllegalArgumentException(
          "watermark interval must be positive and heartbeat at least the interval");
    }
    this.watermarks = watermarks;
    this.publisher = publisher;
    this.metrics = metrics;
    this.topic = normalizedTopic;
    this.interval = interval;
    this.heartbeatMs = heartbeat.toMillis();
    this.clock = clock;
  }

  /** This instance's publisher id, unique per process start. */
  public String publisherId() {
    return publisherId;
  }

  public void start() {
    long ms = interval.toMillis();
    thread.scheduleWithFixedDelay(this::publishSafely, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void publishSafely() {
    try {
      publish();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "publishing watermarks failed; will retry: " + e);
    }
  }

  private void publish() {
    long nowMs = clock.millis();
    Map<ViewVersion, OptionalLong> readings = watermarks.read(nowMs);
    List<Watermark> due = new ArrayList<>();
    for (ViewVersion view : published.keySet()) {
      if (!readings.containsKey(view)) {
        due.add(Watermark.retired(view.view(), view.version(), publisherId, nowMs));
      }
    }
    readings.forEach(
        (view, reading) -> {
          Published last = published.get(view);
          boolean heartbeatDue = last == null || nowMs - last.atMs() >= heartbeatMs;
          if (reading.isPresent()) {
            long watermarkMs = reading.getAsLong();
            if (heartbeatDue || last.watermarkMs() != watermarkMs) {
              due.add(watermark(view, watermarkMs, nowMs));
            }
          } else if (last != null && heartbeatDue) {
            due.add(watermark(view, last.watermarkMs(), nowMs));
          }
        });
    send(due);
  }

  private Watermark watermark(ViewVersion view, long watermarkMs, long nowMs) {
    return new Watermark(view.view(), view.version(), publisherId, watermarkMs, nowMs);
  }

  private void send(List<Watermark> due) {
    if (due.isEmpty()) {
      return;
    }
    int partitions = publisher.partitionCount(topic);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(due.size() * partitions);
    for (Watermark watermark : due) {
      byte[] value = NormalizedRecordCodec.encode(watermark);
      for (int partition = 0; partition < partitions; partition++) {
        records.add(new ProducerRecord<>(topic, partition, watermark.publishedAtMs(), null, value));
      }
    }
    publisher.sendAll(records);
    for (Watermark watermark : due) {
      ViewVersion view = new ViewVersion(watermark.view(), watermark.viewVersion());
      if (watermark.isRetired()) {
        published.remove(view);
        metrics.watermarkRetired(view.view());
      } else {
        published.put(view, new Published(watermark.watermarkMs(), watermark.publishedAtMs()));
        metrics.watermark(view.view(), watermark.watermarkMs());
      }
    }
  }

  /**
   * Stops publishing and retires every view version this instance published for: readers need not
   * wait for the publisher expiry. Close the source consumers first, so nothing is published after.
   */
  @Override
  public void close() {
    try {
      thread
          .submit(
              () -> {
                long nowMs = clock.millis();
                send(
                    published.keySet().stream()
                        .map(v -> Watermark.retired(v.view(), v.version(), publisherId, nowMs))
                        .toList());
              })
          .get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "retiring the watermarks failed", e);
    }
    thread.shutdownNow();
  }
}
