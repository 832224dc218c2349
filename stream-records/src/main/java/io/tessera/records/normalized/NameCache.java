package io.tessera.records.normalized;

import java.nio.charset.StandardCharsets;

/**
 * The strings of names that recur in every record (view names, column names), decoded once and
 * shared: a decoder that asks here gets the same instance for the same bytes, with its hash code
 * already computed, instead of two new objects per name per record. A fixed number of slots, each
 * replaced on a miss, so it holds at most {@link #SLOTS} strings whatever names it sees.
 *
 * <p>Thread-safe by construction: a slot is a plain reference to an immutable string, read and
 * written racily; a reader checks the string it finds against the bytes, so a stale or missing
 * entry costs a new string, never a wrong one. Only ASCII names are kept (their UTF-8 bytes are
 * their chars, so the check is a plain comparison).
 */
final class NameCache {
  private static final int SLOTS = 256; // a power of two: a few views' columns each, with room
  private static final String[] NAMES = new String[SLOTS];

  private NameCache() {}

  /** The string of the UTF-8 {@code bytes[from..from + length)}. */
  static String name(byte[] bytes, int from, int length) {
    int hash = length;
    boolean ascii = true;
    for (int i = from; i < from + length; i++) {
      hash = 31 * hash + bytes[i];
      ascii &= bytes[i] >= 0;
    }
    if (!ascii) {
      return new String(bytes, from, length, StandardCharsets.UTF_8);
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    String cached = NAMES[slot];
    if (cached != null && matches(cached, bytes, from, length)) {
      return cached;
    }
    String name = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    NAMES[slot] = name;
    return name;
  }

  private static boolean matches(String name, byte[] bytes, int from, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != bytes[from + i]) {
        return false;
      }
    }
    return true;
  }
}
