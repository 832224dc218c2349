/**
 * The REST adapter: maps JSON requests to {@code online.FeatureRequest}, vectors back to JSON, and
 * {@code ServingException}s to RFC 9457 problem+json. No serving logic here.
 */
package io.tessera.serving.rest;
