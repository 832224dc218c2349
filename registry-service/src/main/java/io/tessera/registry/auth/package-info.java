/**
 * API-key authentication of writes (and, if configured, reads): {@code Authorization: Bearer <key>}
 * or {@code X-API-Key: <key>}, keys configured per environment as {@code name:secret} pairs. The
 * key's name is the principal recorded as who registered or deleted a version.
 */
package io.tessera.registry.auth;
