/**
 * Authentication and authorization, the same in every service and on every transport: a caller
 * sends {@code Authorization: Bearer <credential>}, an API key (configured hashed, {@link
 * io.tessera.service.security.ApiKeys}) or a JWT of the cluster's identity provider ({@link
 * io.tessera.service.security.JwtCredentials}); either grants {@link
 * io.tessera.service.security.Scope scopes}; an {@link io.tessera.service.security.AccessPolicy}
 * says which scope each endpoint needs. The servlet and reactive filter chains and serving's gRPC
 * interceptor all apply that one model, and refuse alike ({@link
 * io.tessera.service.security.Refusal}). See {@code docs/security.md}.
 */
package io.tessera.service.security;
