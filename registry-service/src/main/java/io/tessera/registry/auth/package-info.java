/**
 * Who may call the registry, as rules of the shared access policy ({@code
 * io.tessera.service.security}): {@code write} to register and delete, reads open by default. The
 * credential's name (an API key's name, a token's subject) is the principal recorded as who
 * registered or deleted a version.
 */
package io.tessera.registry.auth;
