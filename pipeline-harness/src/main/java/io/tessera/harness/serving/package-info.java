/**
 * Reading feature values from a running serving instance as its users do, over REST and over gRPC,
 * into the engine's value types so that tests compare them with the brute-force oracle; and the
 * follower's applied positions, which make "every event sent before now is readable" a barrier a
 * test can wait for.
 */
package io.tessera.harness.serving;
