package io.tessera.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU went during a measurement, from Linux's {@code /proc}: each named process's user +
 * system time, and the whole machine's busy time (which includes whatever else runs on the box).
 * Reported in cores: 1.0 is one core fully busy over the interval. Every benchmark that reports CPU
 * uses it, so their tables mean the same thing.
 */
public final class ProcessCpu {

  /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}); 100 on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Long> pids;
  private final Map<String, Long> startTicks = new LinkedHashMap<>();
  private long startMachineBusy;
  private long startNanos;

  /**
   * @param pids name to process id, in report order
   */
  public ProcessCpu(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  public void start() {
    pids.forEach((name, pid) -> startTicks.put(name, ticks(pid)));
    startMachineBusy = machineBusyTicks();
    startNanos = System.nanoTime();
  }

  /** Cores used per process since {@link #start}, then {@code other} and {@code machine}. */
  public Map<String, Double> stop() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Double> cores = new LinkedHashMap<>();
    double ours = 0;
    for (Map.Entry<String, Long> entry : pids.entrySet()) {
      double used =
          (ticks(entry.getValue()) - startTicks.get(entry.getKey())) / TICKS_PER_SECOND / seconds;
      cores.put(entry.getKey(), used);
      ours += used;
    }
    double machine = (machineBusyTicks() - startMachineBusy) / TICKS_PER_SECOND / seconds;
    cores.put("everything else on the machine", Math.max(0, machine - ours));
    cores.put("machine total", machine);
    return cores;
  }

  /** The Kafka and Cassandra servers of the local stack, by their launcher pid files. */
  public static Map<String, Long> stackServers(Path repositoryRoot) {
    Map<String, Long> servers = new LinkedHashMap<>();
    for (String name : List.of("kafka", "cassandra")) {
      Path pidFile = repositoryRoot.resolve(".stack/pids/" + name + ".pid");
      try {
        if (Files.exists(pidFile)) {
          servers.put(name, Long.parseLong(Files.readString(pidFile).trim()));
        }
      } catch (IOException | NumberFormatException e) {
        // not started by the launcher: left out of the profile
      }
    }
    return servers;
  }

  /** The 1, 5 and 15-minute load averages, as {@code uptime} prints them. */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat); 0 if it is gone. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may contain spaces; fields after it are space-separated
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** All non-idle ticks of the machine (first line of /proc/stat, minus idle and iowait). */
  private static long machineBusyTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
