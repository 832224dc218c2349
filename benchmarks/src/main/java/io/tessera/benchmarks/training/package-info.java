/**
 * Training-data throughput: a week of events loaded through the real pipeline (ingest, the owner's
 * seals, the follower), then point-in-time training jobs over a spine through serving's REST
 * endpoint, with the rows per second, CPU per row and heap of the serving process.
 */
package io.tessera.benchmarks.training;
