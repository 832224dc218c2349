/**
 * The deployments as a user runs them, checked without a Docker engine or a cluster: {@code images}
 * (the image tarballs the build makes), {@code compose} ({@code docker-compose.yml}), {@code helm}
 * (the chart), all against {@code settings}: what the services read, derived from their
 * configuration.
 */
package io.tessera.deployment;
