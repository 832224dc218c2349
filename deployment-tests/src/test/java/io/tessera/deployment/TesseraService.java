package io.tessera.deployment;

import java.nio.file.Path;

/** The four services as the deployments name them: compose service, chart key, image, module. */
public enum TesseraService {
  REGISTRY("io.tessera.registry"),
  INGEST("io.tessera.ingest"),
  AGGREGATION("io.tessera.aggregation"),
  SERVING("io.tessera.serving");

  private final String basePackage;

  TesseraService(String basePackage) {
    this.basePackage = basePackage;
  }

  /** {@code serving}: the compose service, the chart's {@code services.serving}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code serving-service}: the Maven module and the image's name. */
  public String module() {
    return key() + "-service";
  }

  /** The package its code (and its configuration records) lives in. */
  public String basePackage() {
    return basePackage;
  }

  public Path moduleDir() {
    return Repository.file(module());
  }
}
