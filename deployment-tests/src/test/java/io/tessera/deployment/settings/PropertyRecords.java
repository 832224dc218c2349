package io.tessera.deployment.settings;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The environment variables that set a property of a package's {@code @ConfigurationProperties}
 * records, in the form Spring Boot's relaxed binding reads: {@code tessera.ingest.topic-partitions}
 * is {@code TESSERA_INGEST_TOPICPARTITIONS}. Found by scanning the compiled classes, so a property
 * added to or removed from a record is known here at once.
 */
final class PropertyRecords {
  private PropertyRecords() {}

  static Set<String> variables(String basePackage) {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    Set<String> variables = new TreeSet<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
      Class<?> type = load(candidate.getBeanClassName());
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
      collect(prefix, type, variables);
    }
    return variables;
  }

  private static void collect(String prefix, Class<?> type, Set<String> variables) {
    if (!type.isRecord()) {
      return; // the services' settings are all records (STYLE.md); a class would need getters
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String property = prefix + "." + kebab(component.getName());
      if (component.getType().isRecord()) {
        collect(property, component.getType(), variables);
      } else {
        variables.add(
            property.replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT));
      }
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PropertyRecords.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
