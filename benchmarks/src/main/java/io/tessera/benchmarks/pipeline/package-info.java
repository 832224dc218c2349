/**
 * Measurements of the streaming pipeline as it runs: the shipped service jars as processes on the
 * local stack, an open-loop load generator into the view's Kafka topic, and probes that time an
 * event from its production to the first read that sees it. {@link
 * io.tessera.benchmarks.pipeline.FreshnessBenchmark} and {@link
 * io.tessera.benchmarks.pipeline.ThroughputBenchmark} write Markdown reports under {@code
 * docs/benchmarks/}.
 */
package io.tessera.benchmarks.pipeline;
