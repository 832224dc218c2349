package io.tessera.benchmarks.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during one run, from Linux's {@code /proc}: each named process's user + system
 * time, and the machine's busy time (which includes other people's builds on a shared box), in
 * cores (1.0 is one core busy for the whole run).
 */
final class CpuUsage {
  /** {@code /proc} times are in clock ticks: {@code getconf CLK_TCK} is 100 on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Long> pids;
  private final Map<String, Long> startTicks = new LinkedHashMap<>();
  private long startMachine;
  private long startNanos;

  CpuUsage(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  void start() {
    pids.forEach((name, pid) -> startTicks.put(name, processTicks(pid)));
    startMachine = machineBusyTicks();
    startNanos = System.nanoTime();
  }

  /** Cores per process since {@link #start}, then {@code machine}. */
  Map<String, Double> stop() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Double> cores = new LinkedHashMap<>();
    pids.forEach(
        (name, pid) ->
            cores.put(
                name, (processTicks(pid) - startTicks.get(name)) / TICKS_PER_SECOND / seconds));
    cores.put("machine", (machineBusyTicks() - startMachine) / TICKS_PER_SECOND / seconds);
    return cores;
  }

  /**
   * The pid in {@code .stack/pids/<name>.pid}; if this checkout did not start the server (another
   * worktree's stack is reused), the process listening on {@code port}; -1 if neither is found.
   */
  static long stackPid(Path root, String name, int port) {
    try {
      return Long.parseLong(Files.readString(root.resolve(".stack/pids/" + name + ".pid")).trim());
    } catch (IOException | NumberFormatException e) {
      return ListenerPid.of(port);
    }
  }

  /** The 1, 5 and 15-minute load averages, as {@code uptime} prints them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
