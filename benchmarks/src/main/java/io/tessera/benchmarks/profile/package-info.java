/** Where a benchmark's CPU went, per process and for the whole machine, from Linux's /proc. */
package io.tessera.benchmarks.profile;
