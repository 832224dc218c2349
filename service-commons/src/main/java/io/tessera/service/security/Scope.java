package io.tessera.service.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a credential may do. The same four scopes for API keys and JWT bearer tokens, in every
 * service and on gRPC.
 *
 * <p>Only {@link #ADMIN} implies others (all of them): whoever may replay dead letters and run
 * training jobs over the data may also do what the narrower scopes allow. {@link #WRITE} does not
 * imply {@link #READ}: a producer's push key is the most widely handed-out credential (devices,
 * partners' webhooks, CI), so leaking one must not also open every entity's feature values. A key
 * that needs both lists both ({@code read+write}).
 */
public enum Scope {
  /** Serving reads: feature vectors over REST and gRPC; registry reads when they are protected. */
  READ("read"),
  /** Registering and deleting definitions, pushing events. */
  WRITE("write"),
  /** Scraping {@code /actuator/prometheus} and {@code /actuator/metrics}, nothing else. */
  METRICS("metrics"),
  /**
   * Dead-letter replay, backfills, training jobs, every other actuator endpoint; all of the above.
   */
  ADMIN("admin");

  /** Spring Security's prefix for scope authorities, the one its JWT support uses too. */
  public static final String AUTHORITY_PREFIX = "SCOPE_";

  private final String label;

  Scope(String label) {
    this.label = label;
  }

  /** The name in configuration, in tokens' {@code scope} claim and in messages. */
  public String label() {
    return label;
  }

  /** The granted authority that carries this scope: {@code SCOPE_read}, ... */
  public String authority() {
    return AUTHORITY_PREFIX + label;
  }

  /** This scope and every scope it implies. */
  public Set<Scope> implied() {
    return this == ADMIN ? EnumSet.allOf(Scope.class) : EnumSet.of(this);
  }

  /** The scopes {@code granted} amount to once implications are applied. */
  public static Set<Scope> closure(Collection<Scope> granted) {
    Set<Scope> all = EnumSet.noneOf(Scope.class);
    granted.forEach(scope -> all.addAll(scope.implied()));
    return all;
  }

  /** The scope labelled {@code label} (case-insensitive), if there is one. */
  public static Optional<Scope> labelled(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(scope -> scope.label.equals(wanted)).findFirst();
  }
}
