package dev.errorbridge.server.http;

import dev.errorbridge.connector.audit.Caller;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Authenticates the operator: {@code Authorization: Bearer <token>} compared in constant time. The
 * operator acts for the tenant named by {@value #TENANT_HEADER}, or the default tenant; only the
 * operator may choose a tenant this way (there is no other caller of the standalone server's API).
 */
public final class OperatorAuth {
  /** The header naming the tenant an operator request acts for. */
  public static final String TENANT_HEADER = "X-Errorbridge-Tenant";

  /** The actor recorded in audit trails for operator requests. */
  public static final String ACTOR = "operator";

  private final byte[] token;
  private final String defaultTenant;

  public OperatorAuth(String token, String defaultTenant) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.defaultTenant = defaultTenant;
  }

  /** Whether the request carries the operator token. */
  boolean authenticated(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, token);
  }

  /**
   * The operator as a settings caller, or empty (and the error written) when the request is not
   * authenticated or names an invalid tenant.
   */
  Optional<Caller> caller(Context ctx) {
    if (!authenticated(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer");
      Problems.write(
          ctx,
          401,
          "Unauthenticated",
          "send Authorization: Bearer <operator token> (printed at the first start and kept in"
              + " <data>/operator-token on embedded defaults)");
      return Optional.empty();
    }
    String tenant = ctx.header(TENANT_HEADER);
    try {
      return Optional.of(
          new Caller(tenant == null || tenant.isBlank() ? defaultTenant : tenant.trim(), ACTOR));
    } catch (IllegalArgumentException e) {
      Problems.write(ctx, 400, "InvalidTenant", TENANT_HEADER + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes 401 unless the request is the operator's; returns whether it is. */
  boolean require(Context ctx) {
    return caller(ctx).isPresent();
  }
}
