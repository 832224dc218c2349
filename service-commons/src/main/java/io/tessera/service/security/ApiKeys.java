package io.tessera.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API keys, hashed at rest: entries {@code name:scope+scope:sha256hex} separated by
 * commas or whitespace, such as {@code ci:read+write:9f86d0...,grafana:metrics:2c26b4...}. The
 * third part is the SHA-256 of the key's UTF-8 bytes in hex ({@code printf %s "$KEY" | sha256sum});
 * the key itself appears nowhere in configuration, so a leaked config map or environment dump does
 * not leak a credential. No keys means every request that needs a scope is refused.
 *
 * <p>Why SHA-256 and not bcrypt: keys are random (the launcher makes 256-bit ones), so a fast hash
 * cannot be brute-forced, while a slow one would cost tens of milliseconds of CPU on every request,
 * including every refused one, handing anyone who can reach a service a cheap way to burn its CPU.
 */
public final class ApiKeys {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]+");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  private record Entry(ApiKey key, byte[] sha256) {}

  /**
   * @throws IllegalArgumentException naming the bad entry (never its hash) when an entry is not
   *     {@code name:scopes:sha256hex}, names an unknown scope, or repeats a name or a hash
   */
  public static ApiKeys parse(String configured) {
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    String text = configured == null ? "" : configured.trim();
    for (String entry : text.isEmpty() ? new String[0] : text.split("[,\\s]+")) {
      String[] parts = entry.split(":", -1);
      String name = parts[0];
      if (parts.length != 3 || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "API key entry "
                + (entries.size() + 1)
                + (NAME.matcher(name).matches() ? " ('" + name + "')" : "")
                + " is not name:scopes:sha256hex, such as ci:read+write:<64 hex digits>");
      }
      if (!SHA256_HEX.matcher(parts[2]).matches()) {
        throw new IllegalArgumentException(
            "API key '"
                + name
                + "': the third part must be the key's SHA-256 in hex, 64 digits (printf %s \"$KEY\""
                + " | sha256sum); the key itself is never configured");
      }
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (String label : parts[1].split("\\+")) {
        scopes.add(
            Scope.labelled(label)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "API key '"
                                + name
                                + "': unknown scope '"
                                + label
                                + "'; scopes are read, write, metrics and admin, joined by +")));
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("API key name '" + name + "' is configured twice");
      }
      if (!hashes.add(parts[2].toLowerCase())) {
        throw new IllegalArgumentException(
            "API key '" + name + "' has the same hash as another entry: one key, two names");
      }
      entries.add(new Entry(new ApiKey(name, scopes), HexFormat.of().parseHex(parts[2])));
    }
    return new ApiKeys(entries);
  }

  /**
   * The key {@code presented} is, if it is one. Hashes it once and compares the hash with every
   * configured one in constant time, without stopping at a match: how long this takes says nothing
   * about which key, or how much of one, matched.
   */
  public Optional<ApiKey> match(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented);
    ApiKey match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.sha256(), hash) && match == null) {
        match = entry.key();
      }
    }
    return Optional.ofNullable(match);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How a key is configured: its SHA-256 in lower-case hex. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
