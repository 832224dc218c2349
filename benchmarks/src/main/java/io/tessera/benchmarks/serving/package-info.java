/**
 * The online-serving benchmark: seven days of history for 100,000 Zipf-active users produced to the
 * source topic before the view exists and loaded by the platform itself (ingest, the aggregation
 * owner, the serving follower), timed until served values are exact; then an open-loop load
 * generator measuring REST and gRPC single and batch gets from each request's intended send time.
 * Run with {@code ./tessera bench serving}; results in {@code docs/benchmarks/serving.md}.
 */
package io.tessera.benchmarks.serving;
