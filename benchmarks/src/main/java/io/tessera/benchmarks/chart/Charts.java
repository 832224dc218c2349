package io.tessera.benchmarks.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The three kinds of chart the reports draw. Latencies are plotted in milliseconds on a log axis: a
 * p50 of 2 ms and a p99.9 of 800 ms belong on one picture. Headless: no display is needed.
 */
public final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 540;
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Latency percentiles (p50, p90, p99, p99.9) against offered rate, one line per series and
   * percentile.
   *
   * @param runs per series (such as "REST, 1 entity"), offered requests/s to its latency histogram
   *     in microseconds
   * @param limitMs a target drawn as a dashed line (NaN: none)
   */
  public static void latencyByRate(
      Path png, String title, Map<String, SortedMap<Double, Histogram>> runs, double limitMs)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    runs.forEach(
        (name, byRate) -> {
          for (double p : PERCENTILES) {
            XYSeries series = new XYSeries(name + " p" + new DecimalFormat("0.#").format(p));
            byRate.forEach(
                (rate, h) -> {
                  if (h.getTotalCount() > 0) {
                    series.add(rate.doubleValue(), Math.max(0.01, h.getValueAtPercentile(p) / 1e3));
                  }
                });
            data.addSeries(series);
          }
        });
    if (!Double.isNaN(limitMs)) {
      XYSeries limit = new XYSeries("target " + limitMs + " ms");
      runs.values().stream()
          .flatMap(m -> m.keySet().stream())
          .forEach(rate -> limit.addOrUpdate(rate.doubleValue(), limitMs));
      data.addSeries(limit);
    }
    NumberAxis x = new NumberAxis("offered requests/s (open loop)");
    write(png, title, data, x, latencyAxis(), true);
  }

  /**
   * Latency against percentile ({@code 1/(1-p)} on a log axis, labelled 50%, 90%, 99%, 99.9%...),
   * one line per histogram: the whole distribution, its tail included.
   */
  public static void distribution(Path png, String title, Map<String, Histogram> histograms)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    histograms.forEach(
        (name, h) -> {
          XYSeries series = new XYSeries(name + " (" + h.getTotalCount() + ")");
          if (h.getTotalCount() > 0) {
            for (double q = 0; q < 1 - 0.5 / h.getTotalCount() && q <= 0.99999; ) {
              series.add(1 / (1 - q), Math.max(0.01, h.getValueAtPercentile(q * 100) / 1e3));
              q = 1 - (1 - q) * 0.9; // ten points per decade of the tail
            }
            series.add(
                Math.min(1e5, 2.0 * h.getTotalCount()), Math.max(0.01, h.getMaxValue() / 1e3));
          }
          data.addSeries(series);
        });
    LogAxis x = new LogAxis("percentile");
    x.setSmallestValue(1);
    x.setAutoTickUnitSelection(false);
    x.setTickUnit(new NumberTickUnit(1)); // one tick per decade: 0%, 90%, 99%, 99.9%...
    x.setNumberFormatOverride(new PercentileFormat());
    write(png, title, data, x, latencyAxis(), false);
  }

  /**
   * Values over a run, one line per series of {@code {seconds, value}} points.
   *
   * @param yLabel the unit of the values
   */
  public static void overTime(
      Path png, String title, String yLabel, Map<String, List<double[]>> series)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    series.forEach(
        (name, points) -> {
          XYSeries line = new XYSeries(name);
          points.stream().filter(p -> !Double.isNaN(p[1])).forEach(p -> line.add(p[0], p[1]));
          data.addSeries(line);
        });
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(true);
    write(png, title, data, new NumberAxis("seconds into the run"), y, false);
  }

  private static LogAxis latencyAxis() {
    LogAxis y = new LogAxis("latency, ms (log)");
    y.setSmallestValue(0.01);
    y.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
    return y;
  }

  private static void write(
      Path png,
      String title,
      XYSeriesCollection data,
      org.jfree.chart.axis.ValueAxis x,
      org.jfree.chart.axis.ValueAxis y,
      boolean shapes)
      throws IOException {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
      if (data.getSeriesKey(i).toString().startsWith("target")) {
        renderer.setSeriesPaint(i, Color.RED);
        renderer.setSeriesShapesVisible(i, false);
        renderer.setSeriesStroke(
            i,
            new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f}, 0f));
      }
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(title));
    chart.setBackgroundPaint(Color.WHITE);
    Files.createDirectories(png.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  /** Labels {@code 1/(1-p)} as the percentile p: 2 → 50%, 100 → 99%, 1000 → 99.9%. */
  private static final class PercentileFormat extends NumberFormat {
    @Override
    public StringBuffer format(double value, StringBuffer out, FieldPosition position) {
      return out.append(new DecimalFormat("0.###").format(100 * (1 - 1 / value))).append('%');
    }

    @Override
    public StringBuffer format(long value, StringBuffer out, FieldPosition position) {
      return format((double) value, out, position);
    }

    @Override
    public Number parse(String source, ParsePosition position) {
      return null;
    }
  }
}
