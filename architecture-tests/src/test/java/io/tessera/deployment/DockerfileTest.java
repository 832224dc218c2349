package io.tessera.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services' image runs as a non-root user (no Docker engine here: the file is the contract).
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("..", "Dockerfile");

  @Test
  void theServiceRunsAsANonRootUser() throws Exception {
    List<String> instructions =
        Files.readAllLines(DOCKERFILE).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    List<String> users = instructions.stream().filter(line -> line.startsWith("USER ")).toList();

    assertThat(users).as("a USER instruction").isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).strip();
    assertThat(user.split(":")[0]).isNotIn("root", "0");
    assertThat(instructions.indexOf(users.get(users.size() - 1)))
        .as("USER comes before the entrypoint, so the service's process is that user's")
        .isLessThan(
            instructions.indexOf(
                instructions.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().get()));
  }
}
