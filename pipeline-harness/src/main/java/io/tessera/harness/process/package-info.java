/**
 * A service as an operating-system process: started from its {@code *-exec.jar} with environment
 * and arguments, healthy when its actuator says so, stopped with SIGTERM, killed with SIGKILL,
 * started again. Nothing here knows what a service does.
 */
package io.tessera.harness.process;
