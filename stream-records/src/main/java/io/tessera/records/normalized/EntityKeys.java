package io.tessera.records.normalized;

import java.util.ArrayList;
import java.util.List;

/**
 * The one string form of an entity's join-key values, used as the entity key everywhere: in the
 * normalized topic's record key, the storage partition keys and serving requests.
 *
 * <p>A single key column is its value as text ({@code "user_42"}, {@code "42"}), so the common case
 * reads naturally in logs and tables. Several columns are joined with {@code '|'}, and any {@code
 * '|'} or {@code '\'} inside a value is escaped with {@code '\'}, so that no two different key
 * lists encode to the same string.
 */
public final class EntityKeys {

  private static final char SEPARATOR = '|';
  private static final char ESCAPE = '\\';

  private EntityKeys() {}

  /** Encodes join-key values ({@link Long}s or {@link String}s), in key-column order. */
  public static String encode(List<?> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an entity has at least one key column");
    }
    if (values.size() == 1) {
      return String.valueOf(values.get(0));
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(SEPARATOR);
      }
      String text = String.valueOf(values.get(i));
      for (int c = 0; c < text.length(); c++) {
        char ch = text.charAt(c);
        if (ch == SEPARATOR || ch == ESCAPE) {
          out.append(ESCAPE);
        }
        out.append(ch);
      }
    }
    return out.toString();
  }

  /**
   * The key values, as text, of an entity key of {@code columns} columns: the inverse of {@link
   * #encode} up to the values' text form.
   */
  public static List<String> decode(String entityKey, int columns) {
    if (columns == 1) {
      return List.of(entityKey);
    }
    List<String> parts = new ArrayList<>(columns);
    StringBuilder part = new StringBuilder();
    for (int c = 0; c < entityKey.length(); c++) {
      char ch = entityKey.charAt(c);
      if (ch == ESCAPE && c + 1 < entityKey.length()) {
        part.append(entityKey.charAt(++c));
      } else if (ch == SEPARATOR) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(ch);
      }
    }
    parts.add(part.toString());
    if (parts.size() != columns) {
      throw new IllegalArgumentException(
          "'" + entityKey + "' has " + parts.size() + " key values, expected " + columns);
    }
    return parts;
  }
}
