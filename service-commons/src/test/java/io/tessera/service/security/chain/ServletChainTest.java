package io.tessera.service.security.chain;

import org.springframework.test.context.TestPropertySource;

/** The policy on Spring MVC, as the registry, ingest and aggregation run it. */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class ServletChainTest extends SecurityChainContract {}
