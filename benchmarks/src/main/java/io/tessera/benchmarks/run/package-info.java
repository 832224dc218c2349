/** What every benchmark's entry point shares. */
package io.tessera.benchmarks.run;
