package io.tessera.aggregation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The owner of the streaming core: applies the normalized topic's partitions to the open state in
 * memory and writes what each view's watermark seals to Cassandra.
 */
@SpringBootApplication
public class AggregationApplication {

  public static void main(String[] args) {
    SpringApplication.run(AggregationApplication.class, args);
  }
}
