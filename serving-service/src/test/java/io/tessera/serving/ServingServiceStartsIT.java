package io.tessera.serving;

import io.tessera.testsupport.ServiceStartsContract;
import org.springframework.test.context.TestPropertySource;

/** The gRPC server takes a free port, so the test runs beside a stack already serving on 9090. */
@TestPropertySource(properties = "tessera.serving.grpc-port=0")
class ServingServiceStartsIT extends ServiceStartsContract {}
