package io.tessera.benchmarks.pipeline;

import java.util.List;

/**
 * Whether a quantity grew over a run, from {@code {seconds, value}} samples: the mean of its first
 * and of its last fifth (lag), or the floor (minimum) of its first and last windows, which for a
 * heap is the live data after collections rather than the garbage between them.
 *
 * @param first the first fifth's mean (or first window's floor)
 * @param last the last fifth's mean (or last window's floor)
 * @param max the largest sample
 */
record Trend(double first, double last, double max) {

  static Trend ofMeans(List<double[]> points) {
    int fifth = Math.max(1, points.size() / 5);
    return new Trend(
        mean(points.subList(0, Math.min(fifth, points.size()))),
        mean(points.subList(Math.max(0, points.size() - fifth), points.size())),
        points.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).max().orElse(0));
  }

  static Trend ofFloors(List<double[]> points, double windowSeconds) {
    if (points.isEmpty()) {
      return new Trend(Double.NaN, Double.NaN, Double.NaN);
    }
    double start = points.get(0)[0];
    double end = points.get(points.size() - 1)[0];
    return new Trend(
        floor(points, start, start + windowSeconds),
        floor(points, end - windowSeconds, end + 1),
        points.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).max().orElse(0));
  }

  double growth() {
    return last - first;
  }

  private static double mean(List<double[]> points) {
    return points.stream()
        .mapToDouble(p -> p[1])
        .filter(v -> !Double.isNaN(v))
        .average()
        .orElse(Double.NaN);
  }

  private static double floor(List<double[]> points, double from, double until) {
    return points.stream()
        .filter(p -> p[0] >= from && p[0] < until)
        .mapToDouble(p -> p[1])
        .filter(v -> !Double.isNaN(v))
        .min()
        .orElse(Double.NaN);
  }
}
