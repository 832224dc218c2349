package io.tessera.deployment.compose;

import io.tessera.deployment.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} as Compose sees it: YAML anchors and merge keys resolved, then {@code
 * ${VAR:-default}} interpolated as on a machine that sets none of the variables (the defaults a
 * user gets from {@code docker compose up}).
 */
final class ComposeFile {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private final Map<String, Object> document;

  private ComposeFile(Map<String, Object> document) {
    this.document = document;
  }

  static ComposeFile load() {
    return parse(Repository.file("docker-compose.yml"));
  }

  static ComposeFile parse(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static ComposeFile parse(String yaml) {
    Object document = new Yaml(new LoaderOptions()).load(yaml);
    return new ComposeFile((Map<String, Object>) interpolate(document));
  }

  /** The whole document, interpolated: what the specification's schema validates. */
  Map<String, Object> document() {
    return document;
  }

  Map<String, Object> service(String name) {
    Map<String, Object> service = map(map(document, "services"), name);
    if (service.isEmpty()) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return service;
  }

  /** A service's environment, from either of its forms (a map, or NAME=value entries). */
  Map<String, String> environment(String service) {
    Object environment = service(service).get("environment");
    Map<String, String> variables = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> entries) {
      entries.forEach((name, value) -> variables.put(name.toString(), string(value)));
    } else if (environment instanceof List<?> entries) {
      for (Object entry : entries) {
        String[] nameAndValue = entry.toString().split("=", 2);
        variables.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
      }
    }
    return variables;
  }

  /** The files a service's secrets become under {@code /run/secrets/}. */
  List<String> secretTargets(String service) {
    List<String> targets = new ArrayList<>();
    for (Object secret : list(service(service).get("secrets"))) {
      if (secret instanceof Map<?, ?> longForm) {
        Object target = longForm.get("target");
        targets.add(string(target == null ? longForm.get("source") : target));
      } else {
        targets.add(string(secret));
      }
    }
    return targets;
  }

  /** The container ports a service publishes, each with the host port it is published on. */
  Map<Integer, Integer> publishedPorts(String service) {
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    for (Object port : list(service(service).get("ports"))) {
      String[] parts = string(port).split(":");
      int target = Integer.parseInt(parts[parts.length - 1].replace("/tcp", ""));
      ports.put(target, parts.length > 1 ? Integer.parseInt(parts[parts.length - 2]) : -1);
    }
    return ports;
  }

  /** The services a service waits for, each with the condition it waits for. */
  Map<String, String> dependsOn(String service) {
    Map<String, String> conditions = new LinkedHashMap<>();
    Object dependsOn = service(service).get("depends_on");
    if (dependsOn instanceof Map<?, ?> entries) {
      entries.forEach(
          (name, spec) -> conditions.put(name.toString(), string(map(spec).get("condition"))));
    } else {
      list(dependsOn).forEach(name -> conditions.put(string(name), "service_started"));
    }
    return conditions;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String key) {
    return map(map(value).get(key));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  static String string(Object value) {
    return value == null ? "" : value.toString();
  }

  private static Object interpolate(Object value) {
    if (value instanceof String text) {
      Matcher matcher = VARIABLE.matcher(text);
      return matcher.replaceAll(
          match -> Matcher.quoteReplacement(match.group(2) == null ? "" : match.group(2)));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> interpolated = new LinkedHashMap<>();
      map.forEach((key, entry) -> interpolated.put(key.toString(), interpolate(entry)));
      return interpolated;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ComposeFile::interpolate).toList();
    }
    return value;
  }
}
