package io.tessera.benchmarks.serving;

import org.HdrHistogram.Histogram;

/** Issue 12's serving targets, judged from the client-side numbers (the ones a caller sees). */
final class Targets {
  private static final double SINGLE_P99_MS = 5;
  private static final double SINGLE_P50_MS = 1.5;
  private static final double BATCH_P99_MS = 20;
  static final double CROSSING_P99_MS = 10;
  private static final double CROSSING_TARGET_PER_SECOND = 5_000;
  private static final double HISTORY_EXACT_TARGET_SECONDS = 30;

  private Targets() {}

  static void judge(
      ServingReport report,
      double perSecond,
      OpenLoop.Result restOne,
      OpenLoop.Result grpcOne,
      OpenLoop.Result restBatch,
      OpenLoop.Result grpcBatch) {
    String rate = String.format("%,.0f req/s", perSecond);
    report.verdict(
        "REST, 1 entity, p99 ≤ 5 ms at " + rate,
        p(restOne, 99) <= SINGLE_P99_MS && restOne.errors() == 0,
        ms(p(restOne, 99)) + ", " + restOne.errors() + " errors");
    report.verdict(
        "REST, 1 entity, p50 ≤ 1.5 ms at " + rate,
        p(restOne, 50) <= SINGLE_P50_MS,
        ms(p(restOne, 50)));
    report.verdict(
        "gRPC at least as fast as REST (p50 and p99)",
        p(grpcOne, 99) <= p(restOne, 99) && p(grpcOne, 50) <= p(restOne, 50),
        "p50 " + ms(p(grpcOne, 50)) + ", p99 " + ms(p(grpcOne, 99)));
    report.verdict(
        "batch of 100, p99 ≤ 20 ms (REST)",
        p(restBatch, 99) <= BATCH_P99_MS && restBatch.errors() == 0,
        ms(p(restBatch, 99)));
    report.verdict(
        "batch of 100, p99 ≤ 20 ms (gRPC)",
        p(grpcBatch, 99) <= BATCH_P99_MS && grpcBatch.errors() == 0,
        ms(p(grpcBatch, 99)));
  }

  /**
   * @param crossing the lowest stepped rate whose REST p99 passed 10 ms (NaN: none did)
   * @param highestUnder the highest stepped rate that stayed under it
   */
  static void judgeCrossing(ServingReport report, double crossing, double highestUnder) {
    report.verdict(
        "rate at which REST p99 crosses 10 ms ≥ 5,000 req/s",
        Double.isNaN(crossing)
            ? highestUnder >= CROSSING_TARGET_PER_SECOND
            : crossing > CROSSING_TARGET_PER_SECOND && highestUnder >= CROSSING_TARGET_PER_SECOND,
        Double.isNaN(crossing)
            ? String.format("not crossed up to %,.0f req/s", highestUnder)
            : String.format(
                "under 10 ms at %,.0f req/s, over it at %,.0f req/s", highestUnder, crossing));
  }

  static void judgeHistory(ServingReport report, long events, double seconds, boolean exact) {
    report.verdict(
        String.format(
            "register a view on a topic holding %,d events over 7 days → exact served values"
                + " ≤ 30 s",
            events),
        exact && seconds <= HISTORY_EXACT_TARGET_SECONDS,
        exact
            ? String.format("%.0f s", seconds)
            : String.format("not exact after %.0f s", seconds));
  }

  static boolean crosses(OpenLoop.Result rest) {
    return p(rest, 99) > CROSSING_P99_MS || rest.errors() > 0;
  }

  private static double p(OpenLoop.Result result, double percentile) {
    Histogram h = result.latencyMicros();
    return h.getTotalCount() == 0
        ? Double.POSITIVE_INFINITY
        : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static String ms(double value) {
    return String.format("%.2f ms", value);
  }
}
