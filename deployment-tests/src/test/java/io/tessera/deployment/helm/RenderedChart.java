package io.tessera.deployment.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.tessera.deployment.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The chart rendered with some values, every manifest parsed into the Kubernetes model: a kind the
 * model does not know, or a field it does not have, fails the rendering.
 */
final class RenderedChart {
  static final Path CHART = Repository.file("helm/tessera");
  static final String RELEASE = "feature-platform";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<HasMetadata> objects;

  private RenderedChart(List<HasMetadata> objects) {
    this.objects = objects;
  }

  /** Renders with the chart's defaults and whatever {@code values} sets. */
  static RenderedChart render(UnaryOperator<TemplateCommand> values) {
    String manifests = values.apply(new Helm(CHART).template().withName(RELEASE)).call();
    return new RenderedChart(parse(manifests));
  }

  static RenderedChart withValuesFile(String resource) {
    return render(
        template ->
            template.withValuesFile(
                Repository.file("deployment-tests/src/test/resources/helm/" + resource)));
  }

  static List<HasMetadata> parse(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : manifests.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
        continue;
      }
      KubernetesResource parsed = SERIALIZATION.unmarshal(document, KubernetesResource.class);
      if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
        throw new AssertionError("not a kind the Kubernetes model knows:\n" + document);
      }
      List<String> unknown = StrictModel.unknownFields(object);
      if (!unknown.isEmpty()) {
        throw new AssertionError(
            object.getKind()
                + " "
                + object.getMetadata().getName()
                + " has fields the"
                + " Kubernetes API does not: "
                + unknown);
      }
      objects.add(object);
    }
    return objects;
  }

  List<HasMetadata> objects() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> kind, String name) {
    return all(kind).stream()
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }
}
