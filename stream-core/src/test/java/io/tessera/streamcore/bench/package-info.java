/**
 * JMH benchmarks of a replica's record path (aggregation-engine/README.md has the command and
 * numbers). Not run by {@code mvn verify}: their names do not match surefire's test patterns.
 */
package io.tessera.streamcore.bench;
