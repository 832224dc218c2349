/**
 * RFC 9457 problem+json for every refused request: invalid definitions (422, with every problem and
 * its JSON path in {@code errors}), malformed JSON (400), unknown names (404), oversized bodies
 * (413), wrong content types (415, by Spring) and missing credentials (401). Bad input never
 * becomes a 500.
 */
package io.tessera.registry.problem;
