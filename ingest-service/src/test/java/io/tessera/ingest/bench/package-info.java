/**
 * JMH benchmarks of ingest's per-event path (normalize, encode), run by hand as their Javadoc says;
 * no test runner picks them up.
 */
package io.tessera.ingest.bench;
