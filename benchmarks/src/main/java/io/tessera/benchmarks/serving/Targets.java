package io.tessera.benchmarks.serving;

import org.HdrHistogram.Histogram;

/** Issue 8's serving targets, judged from the client-side numbers (the ones a caller sees). */
final class Targets {
  private static final double SINGLE_P99_MS = 5;
  private static final double SINGLE_P50_MS = 1.5;
  private static final double BATCH_P99_MS = 20;

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
