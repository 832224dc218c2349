package io.tessera.benchmarks.profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per-thread CPU of one process over an interval, as {@code top -H} shows it, from {@code
 * /proc/<pid>/task/<tid>/stat}: which threads of the process that bounds a target did the work.
 * Threads are grouped by name with trailing digits removed ({@code kafka-producer-network-thread},
 * {@code reactor-http-epoll-}), so a pool shows as one line.
 */
public final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;
  private Map<String, Long> startTicks = Map.of();
  private long startNanos;

  public ThreadCpu(long pid) {
    this.pid = pid;
  }

  public void start() {
    startTicks = ticksByThread();
    startNanos = System.nanoTime();
  }

  /**
   * Cores used by each thread group since {@link #start}, busiest first, at most {@code limit}
   * groups.
   */
  public Map<String, Double> stop(int limit) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Double> cores = new HashMap<>();
    ticksByThread()
        .forEach(
            (key, ticks) -> {
              long used = ticks - startTicks.getOrDefault(key, 0L);
              String group = key.substring(key.indexOf('/') + 1).replaceAll("[-#_ ]?\\d+$", "");
              cores.merge(group, used / TICKS_PER_SECOND / seconds, Double::sum);
            });
    return cores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(limit)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** {@code tid/name} to utime + stime of every live thread. */
  private Map<String, Long> ticksByThread() {
    Map<String, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
          ticks.put(
              task.getFileName() + "/" + name,
              Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)));
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      // the process is gone: nothing to report
    }
    return ticks;
  }
}
