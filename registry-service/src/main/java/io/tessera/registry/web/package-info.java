/**
 * The HTTP side shared by the view and service endpoints: {@link
 * io.tessera.registry.web.DefinitionEndpoints} maps the versioning core to status codes and
 * response records, and {@link io.tessera.registry.web.BodySizeLimitFilter} refuses oversized
 * bodies before they are read.
 */
package io.tessera.registry.web;
