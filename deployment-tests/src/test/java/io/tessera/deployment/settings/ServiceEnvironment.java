package io.tessera.deployment.settings;

import io.tessera.deployment.TesseraService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a deployment gives a service the environment it reads: every variable of {@link
 * ServiceSettings#variablesRead}, and no {@code TESSERA_*} variable the service does not know. The
 * one check compose and the chart share.
 */
public final class ServiceEnvironment {
  private ServiceEnvironment() {}

  /** What is wrong with {@code variables} for {@code service}; empty when nothing is. */
  public static List<String> problems(TesseraService service, Set<String> variables) {
    List<String> problems = new ArrayList<>();
    Set<String> missing = new TreeSet<>(ServiceSettings.variablesRead(service));
    missing.removeAll(variables);
    if (!missing.isEmpty()) {
      problems.add(service.key() + " reads but is not given " + missing);
    }
    Set<String> unknown = new TreeSet<>();
    Set<String> known = ServiceSettings.variablesKnown(service);
    for (String variable : variables) {
      if (variable.startsWith("TESSERA_") && !known.contains(variable)) {
        unknown.add(variable);
      }
    }
    if (!unknown.isEmpty()) {
      problems.add(service.key() + " is given settings it does not have " + unknown);
    }
    return problems;
  }
}
