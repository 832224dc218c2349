/**
 * PNG charts beside each report, drawn by the benchmark itself with JFreeChart: latency percentiles
 * against offered rate, latency distributions, and series over a run.
 */
package io.tessera.benchmarks.chart;
