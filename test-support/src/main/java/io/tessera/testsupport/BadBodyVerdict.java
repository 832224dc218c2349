package io.tessera.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

/** What every service owes a client that sent a bad body: a 4xx problem+json, never a 5xx. */
public final class BadBodyVerdict {
  private BadBodyVerdict() {}

  /**
   * Asserts {@code response} to {@code body} is not a server error, and that a refusal is a
   * problem+json; an acceptance (the body was valid after all) passes.
   */
  public static void assertAnsweredCleanly(HttpResponse<String> response, String body) {
    String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
    int status = response.statusCode();
    assertTrue(status < 500, () -> status + " to " + shown + ": " + response.body());
    if (status >= 400) {
      String type = response.headers().firstValue("Content-Type").orElse("");
      assertTrue(
          type.startsWith("application/problem+json"),
          () -> status + " as " + type + " (not problem+json) to " + shown);
    }
  }
}
