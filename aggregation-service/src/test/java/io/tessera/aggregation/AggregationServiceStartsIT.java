package io.tessera.aggregation;

import io.tessera.testsupport.ServiceStartsContract;

class AggregationServiceStartsIT extends ServiceStartsContract {}
