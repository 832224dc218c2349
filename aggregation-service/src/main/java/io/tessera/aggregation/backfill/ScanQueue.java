package io.tessera.aggregation.backfill;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * The backfill worker's tasks: those waiting for a scan, the scans running, and those released by a
 * revocation that are still stopping. The tasks of one backfill that arrived together (within
 * {@link #LINGER_MS}) become one {@link ScanJob}, one read of the source for all their partitions;
 * scans run {@code concurrency} at a time, in the order their tasks arrived. Only the worker's
 * consumer thread uses it; a task done with is handed to the caller's {@code done}, which finishes
 * its offset.
 */
final class ScanQueue {

  /**
   * How long a task waits for the other tasks of its backfill before its scan starts: a start's
   * tasks are published together, and one scan for all those that reach this worker reads the
   * source once instead of once per partition.
   */
  static final long LINGER_MS = 500;

  private final int concurrency;
  private final Deque<Waiting> waiting = new ArrayDeque<>();
  private final Set<ScanJob> running = new HashSet<>();
  // released by a revocation, still stopping: they hold their thread until they end
  private final Set<ScanJob> releasing = new HashSet<>();

  /** A task waiting for its scan, and when it arrived. */
  private record Waiting(ScanJob.Delivery delivery, long receivedMs) {}

  /**
   * @param concurrency scans at once
   */
  ScanQueue(int concurrency) {
    this.concurrency = concurrency;
  }

  void add(ScanJob.Delivery delivery, long nowMs) {
    waiting.add(new Waiting(delivery, nowMs));
  }

  /**
   * The scans to start now: while fewer than {@code concurrency} run, the oldest waiting task, once
   * it has waited {@link #LINGER_MS}, with every other waiting task of its backfill, less those
   * whose partition is {@code written} since they came (handed to {@code done}).
   *
   * @param scanOf the scan of a group of tasks, counted as running from now on
   */
  List<ScanJob> startable(
      long nowMs,
      Function<String, Set<Integer>> written,
      Consumer<ScanJob.Delivery> done,
      Function<List<ScanJob.Delivery>, ScanJob> scanOf) {
    List<ScanJob> started = new ArrayList<>();
    while (running.size() + releasing.size() < concurrency
        && !waiting.isEmpty()
        && nowMs - waiting.peekFirst().receivedMs() >= LINGER_MS) {
      String id = waiting.peekFirst().delivery().task().id();
      Set<Integer> writtenNow = written.apply(id);
      List<ScanJob.Delivery> group = new ArrayList<>();
      waiting.removeIf(
          task -> {
            ScanJob.Delivery delivery = task.delivery();
            if (!delivery.task().id().equals(id)) {
              return false;
            }
            if (writtenNow.contains(delivery.task().partition())) {
              done.accept(delivery);
            } else {
              group.add(delivery);
            }
            return true;
          });
      if (!group.isEmpty()) {
        ScanJob scan = scanOf.apply(group);
        running.add(scan);
        started.add(scan);
      }
    }
    return started;
  }

  /** Stops the scans, and drops the waiting tasks (to {@code done}), of backfills that ended. */
  void dropEnded(Predicate<String> ended, Consumer<ScanJob.Delivery> done) {
    running.stream().filter(scan -> ended.test(scan.id())).forEach(ScanJob::cancel);
    waiting.removeIf(
        task -> {
          if (!ended.test(task.delivery().task().id())) {
            return false;
          }
          done.accept(task.delivery());
          return true;
        });
  }

  /** A cancel of backfill {@code id}: its running scans stop at their next check. */
  void cancel(String id) {
    running.stream().filter(scan -> scan.id().equals(id)).forEach(ScanJob::cancel);
  }

  /**
   * A scan ended.
   *
   * @return whether its tasks are done with: it was neither released nor unsettled (a released
   *     one's tasks run again on their partitions' owners)
   */
  boolean ended(ScanJob scan, boolean settled) {
    return !releasing.remove(scan) && running.remove(scan) && settled;
  }

  /**
   * Partitions of the requests topic moved: their waiting tasks go, and a running scan with a task
   * of theirs is released; its tasks on partitions still here wait for a new scan.
   */
  void leave(Collection<TopicPartition> partitions, long nowMs) {
    waiting.removeIf(task -> partitions.contains(task.delivery().from()));
    running.removeIf(
        scan -> {
          if (scan.deliveries().stream().noneMatch(d -> partitions.contains(d.from()))) {
            return false;
          }
          scan.release();
          releasing.add(scan);
          scan.deliveries().stream()
              .filter(d -> !partitions.contains(d.from()))
              .forEach(d -> add(d, nowMs));
          return true;
        });
  }

  /** The worker stops: nothing waits any more, every running scan is released. */
  void releaseAll() {
    waiting.clear();
    running.forEach(ScanJob::release);
  }
}
