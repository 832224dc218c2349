/**
 * The HTTP side shared by the view and service endpoints: {@link
 * io.tessera.registry.web.DefinitionEndpoints} maps the versioning core to status codes and
 * response records, and the filters are registered in order (service-commons' {@link
 * io.tessera.service.web.BodySizeLimitFilter} refuses oversized bodies before they are read).
 */
package io.tessera.registry.web;
