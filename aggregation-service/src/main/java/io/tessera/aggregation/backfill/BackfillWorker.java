package io.tessera.aggregation.backfill;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCommand;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer thread of the backfill worker. It keeps polling while backfills run on their own
 * threads, so it stays in the group and sees cancels at once. A start is coordinated at once on a
 * thread of its own ({@link BackfillJob}: it publishes the backfill's tasks and follows their
 * reports). Tasks wait in a {@link ScanQueue}; the tasks of one backfill that arrived together
 * become one {@link ScanJob}, one read of the source for all their partitions, and scans run {@code
 * concurrency} at a time, in the order received. A task whose partition is written already, or
 * whose backfill has ended, is skipped; a running scan stops when its backfill ends anywhere.
 * Offsets are committed per partition only up to the first command not finished ({@link
 * CommandOffsets}), so a start or task interrupted by a crash runs again on the partition's next
 * owner. A partition that moves takes its queued commands with it and releases what runs of them,
 * which its new owner runs again. All the bookkeeping is this thread's; jobs report their ends
 * through a queue.
 */
final class BackfillWorker implements Runnable {
  private static final System.Logger LOG = System.getLogger(BackfillWorker.class.getName());

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final BackfillContext context;
  private final ExecutorService runners;
  private final ExecutorService scanRunners;
  private final Duration stopWait;
  private final CommandOffsets offsets = new CommandOffsets();
  private final Deque<BackfillJob> queued = new ArrayDeque<>();
  private final Map<String, BackfillJob> running = new HashMap<>();
  // released by a revocation, still stopping: they hold their runner until they end
  private final Set<BackfillJob> releasing = new HashSet<>();
  private final ScanQueue scans;
  private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
  private final Set<String> finishedIds;
  private final EndedBackfills endedAnywhere;
  private volatile boolean polling = true;

  /** A job that ended, a coordinator's or a scan's, and whether its commands are done with. */
  private record Ended(BackfillJob job, ScanJob scan, boolean settled) {}

  /**
   * @param endedAnywhere backfills with a final status on the topic: their starts are not run again
   * @param runners the threads coordinators run on, one each
   * @param scanRunners the threads scans run on, {@code concurrency} of them
   * @param concurrency scans at once
   * @param stopWait how long stopping waits for released backfills to reach a check and end
   */
  BackfillWorker(
      Map<String, Object> kafkaProperties,
      String topic,
      String group,
      BackfillContext context,
      EndedBackfills endedAnywhere,
      ExecutorService runners,
      ExecutorService scanRunners,
      int concurrency,
      Duration stopWait) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.context = context;
    this.endedAnywhere = endedAnywhere;
    this.runners = runners;
    this.scanRunners = scanRunners;
    this.scans = new ScanQueue(concurrency);
    this.stopWait = stopWait;
    int remembered = context.properties().rememberedIds();
    this.finishedIds =
        Collections.newSetFromMap(
            new LinkedHashMap<>() {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
              }
            });
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic), new Rebalance());
    try {
      while (polling) {
        try {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            take(record);
          }
          settleEnded();
          dropEnded();
          startQueued();
          startScans();
          commitAsync();
        } catch (WakeupException e) {
          // stop() was called: the while condition ends the loop
        }
      }
    } finally {
      queued.clear();
      running.values().forEach(BackfillJob::release);
      scans.releaseAll();
      runners.shutdown();
      scanRunners.shutdown();
      try {
        long deadline = System.nanoTime() + stopWait.toNanos();
        runners.awaitTermination(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        scanRunners.awaitTermination(
            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      settleEnded();
      commitSync(offsets.takeCommittable());
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /** Asks the loop to stop; its running backfills are released, to run again elsewhere. */
  void stop() {
    polling = false;
    consumer.wakeup();
  }

  private void take(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    offsets.received(partition, record.offset());
    BackfillCommand command;
    try {
      command = BackfillCodec.decodeCommand(record.value());
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping an undecodable backfill command at {0} offset {1}: {2}",
          partition,
          record.offset(),
          e.getMessage());
      offsets.finished(partition, record.offset());
      return;
    }
    if (command instanceof BackfillCommand.Start start) {
      queue(start, partition, record.offset());
    } else if (command instanceof BackfillCommand.Task task) {
      queue(task, partition, record.offset());
    } else {
      cancel((BackfillCommand.Cancel) command); // the sealed type's only other kind
      offsets.finished(partition, record.offset());
    }
  }

  private void queue(BackfillCommand.Task task, TopicPartition partition, long offset) {
    if (endedAnywhere.contains(task.id())
        || context.reports().tally(task.id()).written().contains(task.partition())) {
      offsets.finished(partition, offset); // a redelivery, or its backfill has ended
      return;
    }
    scans.add(new ScanJob.Delivery(task, partition, offset), System.currentTimeMillis());
  }

  /** Stops the scans, and drops the waiting tasks, of backfills that have ended anywhere. */
  private void dropEnded() {
    scans.dropEnded(endedAnywhere::contains, this::finished);
  }

  private void startScans() {
    List<ScanJob> started =
        scans.startable(
            System.currentTimeMillis(),
            id -> context.reports().tally(id).written(),
            this::finished,
            group -> new ScanJob(group, context, context.reports()));
    for (ScanJob scan : started) {
      execute(scanRunners, scan::run, settled -> new Ended(null, scan, settled));
    }
  }

  private void finished(ScanJob.Delivery task) {
    offsets.finished(task.from(), task.offset());
  }

  private void queue(BackfillCommand.Start start, TopicPartition partition, long offset) {
    boolean known =
        finishedIds.contains(start.id())
            || endedAnywhere.contains(start.id())
            || running.containsKey(start.id())
            || queued.stream().anyMatch(job -> job.id().equals(start.id()));
    if (known) {
      LOG.log(
          System.Logger.Level.INFO,
          "backfill {0} of {1} already ended or runs here; the start at {2} offset {3} is a"
              + " redelivery",
          start.id(),
          start.view(),
          partition,
          offset);
      offsets.finished(partition, offset);
      return;
    }
    queued.add(new BackfillJob(start, partition, offset, context));
  }

  private void cancel(BackfillCommand.Cancel cancel) {
    scans.cancel(cancel.id());
    BackfillJob job = running.get(cancel.id());
    if (job != null) {
      job.cancel();
      return;
    }
    for (BackfillJob waiting : queued) {
      if (waiting.id().equals(cancel.id())) {
        queued.remove(waiting);
        if (waiting.cancelQueued()) {
          settled(waiting);
        }
        return;
      }
    }
    LOG.log(
        System.Logger.Level.INFO,
        "cancel of backfill {0} of {1}: not running or waiting here (it has ended)",
        cancel.id(),
        cancel.view());
  }

  /** Coordinates every queued start at once: a coordinator mostly waits for its tasks' scans. */
  private void startQueued() {
    while (!queued.isEmpty()) {
      BackfillJob job = queued.poll();
      running.put(job.id(), job);
      execute(runners, job::run, settled -> new Ended(job, null, settled));
    }
  }

  /** Runs a job on {@code threads}; its end reaches this thread through {@link #ended}. */
  private void execute(ExecutorService threads, BooleanSupplier job, Function<Boolean, Ended> end) {
    threads.execute(
        () -> {
          boolean settled = false;
          try {
            settled = job.getAsBoolean();
          } finally {
            ended.add(end.apply(settled));
          }
        });
  }

  /** Takes the backfills that ended off the books; a settled one's command is done. */
  private void settleEnded() {
    for (Ended end = ended.poll(); end != null; end = ended.poll()) {
      if (end.scan() != null) {
        settleScan(end.scan(), end.settled());
        continue;
      }
      BackfillJob job = end.job();
      if (!releasing.remove(job)) {
        running.remove(job.id(), job);
        if (end.settled()) {
          settled(job);
        }
      }
    }
  }

  private void settleScan(ScanJob scan, boolean settled) {
    if (scans.ended(scan, settled)) {
      scan.deliveries().forEach(this::finished);
    }
  }

  private void settled(BackfillJob job) {
    finishedIds.add(job.id());
    offsets.finished(job.partition(), job.offset());
  }

  private void commitAsync() {
    Map<TopicPartition, Long> next = offsets.takeCommittable();
    if (!next.isEmpty()) {
      consumer.commitAsync(
          asOffsets(next),
          (committed, error) -> {
            if (error != null) {
              // the next commit of the partition covers these offsets too
              LOG.log(System.Logger.Level.WARNING, "backfill command commit failed", error);
            }
          });
    }
  }

  private void commitSync(Map<TopicPartition, Long> next) {
    if (next.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(asOffsets(next));
    } catch (RuntimeException e) {
      // the partition's next owner reads from the last commit and skips what ran (by status)
      LOG.log(System.Logger.Level.WARNING, "backfill command commit failed", e);
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> asOffsets(Map<TopicPartition, Long> next) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    next.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
    return commits;
  }

  /** A moved partition's queued starts go, its running backfill is released. */
  private void leave(Collection<TopicPartition> partitions, boolean commitFirst) {
    settleEnded();
    if (commitFirst) {
      commitSync(offsets.takeCommittable());
    }
    queued.removeIf(job -> partitions.contains(job.partition()));
    scans.leave(partitions, System.currentTimeMillis());
    running
        .values()
        .removeIf(
            job -> {
              if (!partitions.contains(job.partition())) {
                return false;
              }
              job.release();
              releasing.add(job);
              return true;
            });
    partitions.forEach(offsets::revoked);
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      leave(partitions, true);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      leave(partitions, false);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // commands are read from the group's committed offsets: nothing to restore
    }
  }
}
