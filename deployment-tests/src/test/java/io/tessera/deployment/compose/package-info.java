/** {@code docker-compose.yml} as Docker Compose reads it: the specification, then each service. */
package io.tessera.deployment.compose;
