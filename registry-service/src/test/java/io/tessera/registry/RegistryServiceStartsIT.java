package io.tessera.registry;

import io.tessera.testsupport.ServiceStartsContract;

class RegistryServiceStartsIT extends ServiceStartsContract {}
