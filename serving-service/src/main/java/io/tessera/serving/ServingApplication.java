package io.tessera.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Answers feature-vector requests over REST and gRPC as a follower of the streaming core (its open
 * state merged with the sealed store), and builds point-in-time training data through the same
 * read.
 */
@SpringBootApplication
public class ServingApplication {

  public static void main(String[] args) {
    SpringApplication.run(ServingApplication.class, args);
  }
}
