package io.tessera.aggregation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Turns normalized events into the event log, pending rows and tiles in Cassandra, and runs
 * backfills.
 */
@SpringBootApplication
public class AggregationApplication {

  public static void main(String[] args) {
    SpringApplication.run(AggregationApplication.class, args);
  }
}
