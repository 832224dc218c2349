package io.tessera.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recording of a service JVM over exactly the measured interval ({@code jcmd <pid>
 * JFR.start}/{@code JFR.stop}, so start-up and warm-up stay out of it), summarised as the share of
 * CPU samples per top frame: where the process that bounds a target spends its time. The {@code
 * .jfr} file stays beside the report's charts for JDK Mission Control.
 */
public final class JfrProfile {
  private static final String NAME = "tessera-bench";

  private final long pid;
  private final Path file;

  private JfrProfile(long pid, Path file) {
    this.pid = pid;
    this.file = file;
  }

  /** Starts a recording (default settings, about 1% overhead) in the process {@code pid}. */
  public static JfrProfile start(long pid, Path file) {
    JfrProfile profile = new JfrProfile(pid, file.toAbsolutePath());
    profile.jcmd("JFR.start", "name=" + NAME, "settings=default");
    return profile;
  }

  /** Stops the recording and writes it to the file; false if that failed. */
  public boolean stop() {
    return jcmd("JFR.stop", "name=" + NAME, "filename=" + file) && Files.exists(file);
  }

  public Path file() {
    return file;
  }

  /**
   * The {@code limit} most sampled methods (top frame of {@code jdk.ExecutionSample}), with their
   * share of all samples; empty if the recording could not be read.
   */
  public Map<String, Double> topMethods(int limit) {
    return top(limit, event -> topFrame(event));
  }

  /** The {@code limit} most sampled threads, with their share of all samples. */
  public Map<String, Double> topThreads(int limit) {
    return top(
        limit,
        event ->
            event.getThread("sampledThread") == null
                ? "?"
                : String.valueOf(event.getThread("sampledThread").getJavaName())
                    .replaceAll("[-#_ ]?\\d+$", ""));
  }

  private Map<String, Double> top(
      int limit, java.util.function.Function<RecordedEvent, String> key) {
    Map<String, Long> counts = new HashMap<>();
    long total = 0;
    try {
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
          counts.merge(key.apply(event), 1L, Long::sum);
          total++;
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    long all = Math.max(1, total);
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue() / (double) all,
                (a, b) -> a,
                LinkedHashMap::new));
  }

  private static String topFrame(RecordedEvent event) {
    if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
      return "?";
    }
    RecordedFrame frame = event.getStackTrace().getFrames().get(0);
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
  }

  private boolean jcmd(String... command) {
    List<String> line = new java.util.ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(pid));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
