package io.tessera.deployment.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of a parsed manifest that the Kubernetes API does not have. fabric8's model classes
 * keep a field they do not know in {@code additionalProperties} instead of refusing it (the API
 * server would drop it, or refuse it with strict field validation): a misspelt {@code
 * readinesProbe} parses, and the probe is silently missing. This walks the parsed objects and
 * reports every such field with its path.
 */
final class StrictModel {
  private static final String MODEL = "io.fabric8.kubernetes.api.model";

  private StrictModel() {}

  static List<String> unknownFields(Object parsed) {
    List<String> unknown = new ArrayList<>();
    walk(parsed, "", unknown);
    return unknown;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, entry) -> walk(entry, path + "." + key, unknown));
      return;
    }
    if (value == null || !value.getClass().getName().startsWith(MODEL)) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object property = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) property).keySet().forEach(field -> unknown.add(path + "." + field));
      } else {
        walk(property, path + "." + propertyName(getter), unknown);
      }
    }
  }

  private static boolean isGetter(Method method) {
    return method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && method.getName().startsWith("get")
        && !method.getName().equals("getClass");
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(getter + " of " + target.getClass(), e);
    }
  }
}
