/**
 * What the benchmarks' generators draw from: the Zipf law by which entities are active and asked
 * for, shared by the pipeline and serving benchmarks so that "Zipf" means the same in every report.
 */
package io.tessera.benchmarks.load;
