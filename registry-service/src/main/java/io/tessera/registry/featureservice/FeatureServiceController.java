package io.tessera.registry.featureservice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tessera.definitions.service.FeatureService;
import io.tessera.registry.web.DefinitionEndpoints;
import io.tessera.registry.web.DefinitionResponse;
import io.tessera.registry.web.ListingResponses.DeletionResponse;
import io.tessera.registry.web.ListingResponses.ListResponse;
import io.tessera.registry.web.ListingResponses.VersionsResponse;
import io.tessera.registry.web.PlanResponse;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/feature-services}: thin; every handler is one call to the shared endpoints. */
@RestController
@Tag(
    name = "Feature services",
    description = "The features one model reads together, in vector order")
class FeatureServiceController {

  static final String PATH = "/api/v1/feature-services";

  private final DefinitionEndpoints<FeatureService> endpoints;

  FeatureServiceController(DefinitionEndpoints<FeatureService> endpoints) {
    this.endpoints = endpoints;
  }

  @Operation(
      summary = "Register a feature service",
      description =
          "201 with a new immutable version; 200 with the existing version when the content equals"
              + " the latest (idempotent); with dryRun=true, 200 with the validation result and"
              + " the plan, storing nothing. 422 lists every problem with its JSON path. Needs scope"
              + " write.")
  @PutMapping(path = PATH + "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> put(
      @PathVariable String name,
      @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestBody String body,
      @Parameter(hidden = true) Principal principal) {
    return endpoints.put(name, dryRun, body, principal.getName());
  }

  @Operation(
      summary = "Validate a feature service and plan its registration",
      description =
          "Stores nothing. Says whether the body is valid (every problem with its JSON path) and"
              + " what registering it would do: a new version or not, the kind of change, every"
              + " changed path, and whether a backfill is due or the existing tiles stay valid.")
  @PostMapping(path = PATH + ":validate", consumes = MediaType.APPLICATION_JSON_VALUE)
  PlanResponse validate(@RequestBody String body) {
    return endpoints.validate(body);
  }

  @Operation(summary = "Get the latest live version of a feature service, or ?version=N")
  @GetMapping(PATH + "/{name}")
  DefinitionResponse get(
      @PathVariable String name, @RequestParam(required = false) Integer version) {
    return endpoints.get(name, version);
  }

  @Operation(summary = "List every version of a feature service, newest first")
  @GetMapping(PATH + "/{name}/versions")
  VersionsResponse versions(@PathVariable String name) {
    return endpoints.versions(name);
  }

  @Operation(summary = "List live feature services, filtered by owner and tags (key:value), paged")
  @GetMapping(PATH)
  ListResponse list(
      @RequestParam(required = false) String owner,
      @RequestParam(required = false) List<String> tag,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return endpoints.list(owner, tag, page, size);
  }

  @Operation(
      summary = "Delete a feature service",
      description =
          "A tombstone: serving stops answering for the service; its versions stay readable with"
              + " ?version=N. A later PUT creates a new version. Needs scope write.")
  @DeleteMapping(PATH + "/{name}")
  DeletionResponse delete(
      @PathVariable String name, @Parameter(hidden = true) Principal principal) {
    return endpoints.delete(name, principal.getName());
  }
}
