package io.tessera.service.security.chain;

import io.tessera.service.security.AccessRule;
import io.tessera.service.security.Scope;
import io.tessera.service.security.ServiceAccessRules;
import java.security.Principal;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service in miniature, without Cassandra or Kafka: an open read, a write, an admin job, and the
 * shared actuator rules, run on either web stack by the chain tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    excludeName = {
      "io.tessera.service.ServiceCommonsAutoConfiguration",
      "io.tessera.service.cassandra.CassandraStartupAutoConfiguration",
      "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration",
      "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraAutoConfiguration",
      "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraReactiveAutoConfiguration",
      "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraRepositoriesAutoConfiguration",
      "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraReactiveRepositoriesAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
    })
class ChainTestApplication {

  @Bean
  ServiceAccessRules rules() {
    return ServiceAccessRules.of(
        AccessRule.open("/api/things", HttpMethod.GET),
        AccessRule.requires(Scope.WRITE, "/api/things", HttpMethod.POST),
        AccessRule.requires(Scope.READ, "/api/whoami", HttpMethod.GET),
        AccessRule.requires(Scope.ADMIN, "/api/jobs/**"));
  }

  @RestController
  static class Endpoints {
    @GetMapping("/api/things")
    String list() {
      return "[]";
    }

    @PostMapping("/api/things")
    String add(Principal caller) {
      return "added by " + caller.getName();
    }

    @GetMapping("/api/whoami")
    String whoami(Principal caller) {
      return caller.getName();
    }

    @PostMapping("/api/jobs")
    String job(Principal caller) {
      return "job by " + caller.getName();
    }

    @GetMapping("/api/unlisted")
    String unlisted() {
      return "unlisted";
    }
  }
}
