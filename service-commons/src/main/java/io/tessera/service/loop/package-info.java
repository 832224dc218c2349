/** The health of a service's consumer loop: a loop that died turns the service DOWN. */
package io.tessera.service.loop;
