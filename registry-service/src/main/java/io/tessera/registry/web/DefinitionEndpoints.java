package io.tessera.registry.web;

import io.tessera.registry.definition.DefinitionRegistry;
import io.tessera.registry.definition.History;
import io.tessera.registry.definition.ListQuery;
import io.tessera.registry.definition.Page;
import io.tessera.registry.definition.Registration;
import io.tessera.registry.store.NameState;
import io.tessera.registry.store.StoredVersion;
import io.tessera.registry.web.ListingResponses.DeletionResponse;
import io.tessera.registry.web.ListingResponses.ListResponse;
import io.tessera.registry.web.ListingResponses.Summary;
import io.tessera.registry.web.ListingResponses.VersionsResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the view and service controllers share: each of their handlers is one call here, which calls
 * the versioning core and maps its outcome to a status and a response record.
 *
 * @param <T> {@code FeatureView} or {@code FeatureService}
 */
public final class DefinitionEndpoints<T> {

  private final DefinitionRegistry<T> registry;
  private final String collectionPath;

  /**
   * @param collectionPath such as {@code /api/v1/feature-views}, for {@code Location} headers
   */
  public DefinitionEndpoints(DefinitionRegistry<T> registry, String collectionPath) {
    this.registry = registry;
    this.collectionPath = collectionPath;
  }

  /** 201 with a new version, 200 when equal to the latest, 200 with the plan for a dry run. */
  public ResponseEntity<?> put(String name, boolean dryRun, String body, String principal) {
    if (dryRun) {
      return ResponseEntity.ok(PlanResponse.of(registry.validate(name, body)));
    }
    Registration registration = registry.register(name, body, principal);
    RegistrationResponse response = RegistrationResponse.of(registration);
    if (!registration.created()) {
      return ResponseEntity.ok(response);
    }
    URI location =
        URI.create(collectionPath + "/" + name + "?version=" + registration.version().version());
    return ResponseEntity.created(location).body(response);
  }

  public PlanResponse validate(String body) {
    return PlanResponse.of(registry.validate(null, body));
  }

  public DefinitionResponse get(String name, Integer version) {
    if (version != null && version < 1) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "versions count from 1");
    }
    StoredVersion stored =
        registry.get(name, version == null ? OptionalInt.empty() : OptionalInt.of(version));
    History history = registry.history(name);
    return DefinitionResponse.of(stored, history.isDeleted(stored));
  }

  public VersionsResponse versions(String name) {
    return VersionsResponse.of(registry.history(name));
  }

  /**
   * @param tags {@code key:value} filters; all must match
   */
  public ListResponse list(String owner, List<String> tags, int page, int size) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String tag : tags == null ? List.<String>of() : tags) {
      int colon = tag.indexOf(':');
      if (colon < 1) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST, "tag filter '" + tag + "' is not key:value, such as team:risk");
      }
      wanted.put(tag.substring(0, colon), tag.substring(colon + 1));
    }
    ListQuery query;
    try {
      query = new ListQuery(Optional.ofNullable(owner), wanted, page, size);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    Page<NameState> result = registry.list(query);
    return new ListResponse(
        result.items().stream().map(Summary::of).toList(),
        result.page(),
        result.size(),
        result.total());
  }

  public DeletionResponse delete(String name, String principal) {
    return DeletionResponse.of(registry.delete(name, principal));
  }
}
