/**
 * The request-size limit of the Spring MVC services (registry, ingest): a filter that refuses an
 * oversized body with 413 problem+json before reading it, and the advice that answers 413 for a
 * chunked body cut off while it was read. Each service registers the filter with its own limit.
 */
package io.tessera.service.web;
