package io.tessera.registry.web;

import io.tessera.definitions.validation.Problem;
import io.tessera.definitions.version.ChangedPath;
import io.tessera.registry.definition.Validation;
import io.tessera.registry.definition.VersionPlan;
import java.util.List;

/**
 * The answer to a dry run ({@code :validate} or {@code ?dryRun=true}): nothing was stored.
 *
 * @param valid whether the body would be accepted
 * @param errors every problem, each at its JSON path; empty when valid
 * @param plan what registering it would do; null when invalid
 */
public record PlanResponse(boolean valid, String name, List<Problem> errors, Plan plan) {

  /**
   * @param createsVersion false when the body equals the latest live version
   * @param version the version it is (when equal) or would become
   * @param currentVersion the newest stored version now, deleted or not; null if none
   */
  public record Plan(
      boolean createsVersion,
      int version,
      Integer currentVersion,
      String changeKind,
      List<ChangedPath> changedPaths,
      boolean backfillDue,
      boolean tilesStayValid) {

    static Plan of(VersionPlan plan) {
      return new Plan(
          plan.createsVersion(),
          plan.version(),
          plan.previousVersion().orElse(null),
          plan.changeKind(),
          plan.changedPaths(),
          plan.backfillDue(),
          plan.createsVersion() ? plan.tilesStayValid() : true);
    }
  }

  static PlanResponse of(Validation validation) {
    return new PlanResponse(
        validation.valid(),
        validation.name(),
        validation.problems(),
        validation.plan().map(Plan::of).orElse(null));
  }
}
