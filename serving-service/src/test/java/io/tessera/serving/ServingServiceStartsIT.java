package io.tessera.serving;

import io.tessera.testsupport.ServiceStartsContract;

class ServingServiceStartsIT extends ServiceStartsContract {}
