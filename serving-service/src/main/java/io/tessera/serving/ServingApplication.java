package io.tessera.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Answers feature-vector requests over REST and gRPC from tiles, pending and edge events, and
 * builds point-in-time training data.
 */
@SpringBootApplication
public class ServingApplication {

  public static void main(String[] args) {
    SpringApplication.run(ServingApplication.class, args);
  }
}
