/**
 * Dead letters: events that could not be used, with the reason, where they came from and their
 * original bytes, so that nothing is dropped silently and a fixed definition can replay them.
 */
package io.tessera.records.deadletter;
