package io.tessera.service.security.chain;

import org.springframework.test.context.TestPropertySource;

/** The policy on WebFlux, as serving runs it. */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveChainTest extends SecurityChainContract {}
