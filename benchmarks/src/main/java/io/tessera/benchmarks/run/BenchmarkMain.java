package io.tessera.benchmarks.run;

/**
 * How every benchmark's {@code main} ends: the JVM exits when the run is done, with status 0, or
 * when it failed, with 1 and the stack trace. Clients, pools and scrapers a run leaves behind must
 * not keep a finished benchmark alive, and the launcher reads the status.
 */
public final class BenchmarkMain {

  /** A benchmark's body, which may throw anything. */
  @FunctionalInterface
  public interface Body {
    void run(BenchmarkArguments args) throws Exception;
  }

  private BenchmarkMain() {}

  /** Runs benchmark {@code name}'s {@code body} with {@code args}, then exits the JVM. */
  public static void run(String name, Body body, String[] args) {
    try {
      body.run(BenchmarkArguments.of(name, args));
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
