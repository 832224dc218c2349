package io.tessera.serving.rest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/features}.
 *
 * @param featureService a registered feature service, or null
 * @param features references {@code view:feature} or {@code view@3:feature}, or null
 * @param entities each entity's join-key values by column (strings or whole numbers)
 * @param at the request time; windows cover {@code at - size <= eventTime < at}; default now
 * @param allOrNothing answer 503 instead of returning {@code unavailable} values
 */
public record FeaturesRequestBody(
    @Schema(
            description = "A registered feature service (or give 'features')",
            example = "fraud_model")
        String featureService,
    @Schema(description = "view:feature or view@N:feature references (or give 'featureService')")
        List<String> features,
    @Schema(description = "Entities by key column; strings or whole numbers")
        List<Map<String, Object>> entities,
    @Schema(
            description = "Request time (ISO-8601); default now",
            example = "2026-03-10T14:37:25.120Z")
        Instant at,
    @Schema(description = "Fail with 503 if any value is unavailable") Boolean allOrNothing) {}
