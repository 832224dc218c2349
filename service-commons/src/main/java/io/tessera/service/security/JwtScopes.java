package io.tessera.service.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The scopes a JWT grants: the values of its {@code scope} claim (space-separated, RFC 8693) and
 * its {@code scp} claim (a list or a string, as some providers send it) that name a Tessera scope,
 * after an optional prefix ({@code tessera:} makes {@code tessera:write} mean {@code write}, so the
 * provider's scopes of other applications never count). Unknown values are ignored. The same
 * implications as for API keys apply.
 */
final class JwtScopes {

  private final String prefix;

  JwtScopes(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  Set<Scope> of(Jwt jwt) {
    Set<Scope> granted = EnumSet.noneOf(Scope.class);
    for (String value : values(jwt.getClaims().get("scope"))) {
      named(value, granted);
    }
    for (String value : values(jwt.getClaims().get("scp"))) {
      named(value, granted);
    }
    return Scope.closure(granted);
  }

  private void named(String value, Set<Scope> granted) {
    if (!value.startsWith(prefix)) {
      return;
    }
    Scope.labelled(value.substring(prefix.length())).ifPresent(granted::add);
  }

  private static List<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof String text) {
      for (String value : text.trim().split("\\s+")) {
        if (!value.isEmpty()) {
          values.add(value);
        }
      }
    } else if (claim instanceof Collection<?> collection) {
      collection.forEach(value -> values.addAll(values(value)));
    }
    return values;
  }
}
