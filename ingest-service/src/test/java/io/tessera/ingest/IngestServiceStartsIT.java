package io.tessera.ingest;

import io.tessera.testsupport.ServiceStartsContract;

class IngestServiceStartsIT extends ServiceStartsContract {}
