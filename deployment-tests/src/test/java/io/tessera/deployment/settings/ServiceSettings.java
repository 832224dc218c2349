package io.tessera.deployment.settings;

import io.tessera.deployment.Repository;
import io.tessera.deployment.TesseraService;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The environment one service reads. {@link #variablesRead} are its configuration files'
 * placeholders: what a deployment must set, every one of them, so that no default meant for a
 * developer's machine (127.0.0.1, one replica) reaches a cluster. {@link #variablesKnown} adds what
 * its settings records bind: anything else named {@code TESSERA_*} in a deployment is a typo or a
 * setting that no longer exists, and would be silently ignored.
 */
public final class ServiceSettings {
  private static final String COMMON = "service-commons/src/main/resources/tessera-common.yml";
  private static final String COMMON_PACKAGE = "io.tessera.service";

  private ServiceSettings() {}

  /** Every placeholder variable of the service's application.yml and tessera-common.yml. */
  public static Set<String> variablesRead(TesseraService service) {
    return placeholders(service).keySet();
  }

  /** The variables read, and the relaxed-binding names of every settings record's properties. */
  public static Set<String> variablesKnown(TesseraService service) {
    Set<String> known = new TreeSet<>(variablesRead(service));
    known.addAll(PropertyRecords.variables(COMMON_PACKAGE));
    known.addAll(PropertyRecords.variables(service.basePackage()));
    return known;
  }

  /** The HTTP port: the default of its {@code TESSERA_<SERVICE>_PORT} placeholder. */
  public static int httpPort(TesseraService service) {
    return Integer.parseInt(
        placeholders(service).get("TESSERA_" + service.key().toUpperCase() + "_PORT"));
  }

  /** Serving's gRPC port (the default of its placeholder); none for the other services. */
  public static OptionalInt grpcPort(TesseraService service) {
    String port = placeholders(service).get("TESSERA_SERVING_GRPC_PORT");
    return port == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port));
  }

  private static Map<String, String> placeholders(TesseraService service) {
    Map<String, String> variables = new TreeMap<>(Placeholders.in(Repository.file(COMMON)));
    variables.putAll(
        Placeholders.in(service.moduleDir().resolve("src/main/resources/application.yml")));
    return variables;
  }
}
