package dev.errorbridge.connector.audit;

import java.util.Objects;

/**
 * Who is calling the settings service, as the transport established it (an IAM principal behind API
 * Gateway, an operator token in the standalone server). The service only ever shows a caller its
 * own tenant's connections.
 *
 * @param tenantId the tenant the caller acts for
 * @param actor who the caller is, recorded in the audit trail (e.g. an IAM principal ARN)
 */
public record Caller(String tenantId, String actor) {
  public Caller {
    if (tenantId == null || !tenantId.matches("[A-Za-z0-9_.:@-]{1,128}")) {
      throw new IllegalArgumentException("tenantId must be 1-128 of letters, digits and _ . : @ -");
    }
    Objects.requireNonNull(actor, "actor");
  }
}
