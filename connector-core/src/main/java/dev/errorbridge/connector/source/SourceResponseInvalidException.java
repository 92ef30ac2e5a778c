package dev.errorbridge.connector.source;

import dev.errorbridge.connector.Platform;

/**
 * The platform answered 2xx with a body the adapter cannot read: not JSON, JSON cut short, or a
 * required field missing or of the wrong type. The message names the endpoint and the field. It is
 * not transient: the platform changed its API, or something between (a proxy, a wrong base URL)
 * answers instead of it.
 */
public class SourceResponseInvalidException extends SourceException {
  private final String field;
  private final String problem;

  /**
   * @param field the JSON path of the field at fault (e.g. {@code data[3].workflow_run.id}), or
   *     {@code null} when the body as a whole is unreadable
   * @param problem what is wrong, e.g. {@code is missing}
   */
  public SourceResponseInvalidException(
      Platform platform, String connectionId, String endpoint, String field, String problem) {
    this(platform, connectionId, endpoint, field, problem, null);
  }

  public SourceResponseInvalidException(
      Platform platform,
      String connectionId,
      String endpoint,
      String field,
      String problem,
      Throwable cause) {
    super(
        platform,
        connectionId,
        endpoint,
        null,
        "unreadable response: "
            + (field == null ? "the body " : "field " + field + " ")
            + problem
            + ". Check that the base URL points at the platform's API itself (not a proxy or"
            + " login page); if it does, the platform changed its API: report this message to"
            + " Errorbridge support.",
        cause);
    this.field = field;
    this.problem = problem;
  }

  /** The JSON path of the field at fault, or {@code null} for the whole body. */
  public String field() {
    return field;
  }

  /** What is wrong with the field (or the body), e.g. {@code is missing}, without the advice. */
  public String problem() {
    return problem;
  }
}
