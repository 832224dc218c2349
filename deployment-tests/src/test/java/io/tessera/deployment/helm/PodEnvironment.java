package io.tessera.deployment.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a container gets, as the kubelet assembles it: {@code envFrom} ConfigMaps and
 * Secrets (those the chart renders), then {@code env}. A value from a Secret reads {@code
 * secret:<name>/<key>}, so a test can tell a credential from a literal.
 */
final class PodEnvironment {
  private PodEnvironment() {}

  static Map<String, String> of(Container container, RenderedChart chart) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      if (source.getConfigMapRef() != null) {
        chart
            .one(ConfigMap.class, source.getConfigMapRef().getName())
            .getData()
            .forEach(variables::put);
      }
      if (source.getSecretRef() != null) {
        Secret secret = chart.one(Secret.class, source.getSecretRef().getName());
        secret.getStringData().keySet().forEach(key -> variables.put(key, "secret:" + key));
      }
    }
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
        var ref = variable.getValueFrom().getSecretKeyRef();
        variables.put(variable.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
      } else {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    return variables;
  }
}
