package io.tessera.benchmarks.profile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a report says about where the CPU went during one measured interval: cores per process
 * ({@link ProcessCpu}), the load average before and after, and for the processes worth a profile,
 * cores per thread ({@link ThreadCpu}) and a JFR recording of exactly the interval ({@link
 * JfrProfile}) of the interval and the warm-up before it.
 */
public final class Measurement {

  /**
   * @param cores per process, then everything else and the machine's total
   * @param threads per profiled process: its busiest thread groups
   * @param recordings per profiled process: its JFR recording (absent if jcmd failed)
   */
  public record Result(
      Map<String, Double> cores,
      Map<String, Map<String, Double>> threads,
      Map<String, JfrProfile> recordings,
      String loadBefore,
      String loadAfter,
      double seconds) {}

  private static final int THREAD_GROUPS = 8;

  private final ProcessCpu cpu;
  private final Map<String, ThreadCpu> threads = new LinkedHashMap<>();
  private final Map<String, JfrProfile> recordings = new LinkedHashMap<>();
  private String loadBefore;
  private long startNanos;

  private Measurement(Map<String, Long> pids, Map<String, Long> profiled, Path jfrDir, String tag) {
    profiled.forEach(
        (name, pid) -> {
          threads.put(name, new ThreadCpu(pid));
          if (jfrDir != null) {
            String file = tag + "-" + name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
            recordings.put(name, JfrProfile.start(pid, jfrDir.resolve(file + ".jfr")));
          }
        });
    cpu = new ProcessCpu(pids);
  }

  /**
   * Prepares a measurement and starts its JFR recordings (which take seconds on a busy machine:
   * prepare before the warm-up, {@link #begin} when the measured interval starts).
   *
   * @param pids every process of the CPU table, by name
   * @param profiled the processes to profile by thread (and by JFR when {@code jfrDir} is set)
   * @param jfrDir where recordings go (null: none)
   * @param tag names this interval's recordings
   */
  public static Measurement prepare(
      Map<String, Long> pids, Map<String, Long> profiled, Path jfrDir, String tag) {
    return new Measurement(pids, profiled, jfrDir, tag);
  }

  /** The measured interval starts now: CPU and thread counters, load average. */
  public Measurement begin() {
    loadBefore = ProcessCpu.loadAverage();
    threads.values().forEach(ThreadCpu::start);
    cpu.start();
    startNanos = System.nanoTime();
    return this;
  }

  public Result stop() {
    Map<String, Double> cores = cpu.stop();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Map<String, Double>> threadCores = new LinkedHashMap<>();
    threads.forEach((name, t) -> threadCores.put(name, t.stop(THREAD_GROUPS)));
    Map<String, JfrProfile> stopped = new LinkedHashMap<>();
    recordings.forEach(
        (name, jfr) -> {
          if (jfr.stop()) {
            stopped.put(name, jfr);
          }
        });
    return new Result(cores, threadCores, stopped, loadBefore, ProcessCpu.loadAverage(), seconds);
  }
}
