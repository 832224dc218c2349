package io.tessera.registryclient;

import java.util.Locale;

/** The two kinds of registered definition; the lower-case name is the prefix of topic keys. */
public enum DefinitionKind {
  VIEW,
  SERVICE;

  /** {@code view} or {@code service}: as written in topic keys, envelopes and store rows. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind written as {@link #wireName()}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static DefinitionKind fromWireName(String text) {
    for (DefinitionKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown definition kind '" + text + "'");
  }
}
