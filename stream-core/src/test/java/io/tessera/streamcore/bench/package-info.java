/**
 * JMH benchmarks of a replica's record path (see the module README for the command and numbers).
 * Not run by {@code mvn verify}: their names do not match surefire's test patterns.
 */
package io.tessera.streamcore.bench;
