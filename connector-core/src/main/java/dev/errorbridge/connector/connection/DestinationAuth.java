package dev.errorbridge.connector.connection;

import java.util.Objects;

/**
 * How Errorbridge signs its calls to the customer's event bus.
 *
 * <ul>
 *   <li>{@link AccessKeys}: an IAM user's keys, stored encrypted.
 *   <li>{@link AssumeRole}: a role in the customer's account that trusts Errorbridge, assumed with
 *       an External ID Errorbridge generated for this connection (the confused-deputy guard).
 *   <li>{@link Ambient}: the runtime's own role, for deployments in the customer's own account.
 *   <li>{@link PartnerEventSource}: no customer credentials at all; the operator, an EventBridge
 *       SaaS partner, offers the customer's account a partner event source and publishes to it with
 *       its own credentials.
 * </ul>
 */
public sealed interface DestinationAuth {

  /** The mode's name as the API spells it. */
  AuthMode mode();

  /**
   * An access key pair, optionally with a session token.
   *
   * @param accessKeyId the access key id (not secret, but shown only as a hint)
   * @param secretAccessKey the encrypted secret access key
   * @param sessionToken the encrypted session token, or {@code null}
   */
  record AccessKeys(String accessKeyId, StoredSecret secretAccessKey, StoredSecret sessionToken)
      implements DestinationAuth {
    public AccessKeys {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public AuthMode mode() {
      return AuthMode.ACCESS_KEYS;
    }

    /** The access key id masked to its last four characters. */
    public String accessKeyIdHint() {
      return "****" + accessKeyId.substring(Math.max(0, accessKeyId.length() - 4));
    }

    @Override
    public String toString() {
      return "AccessKeys[" + accessKeyIdHint() + "]";
    }
  }

  /**
   * A role to assume.
   *
   * @param roleArn the role in the customer's account
   * @param externalId the External ID Errorbridge generated for this connection
   */
  record AssumeRole(String roleArn, String externalId) implements DestinationAuth {
    public AssumeRole {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(externalId, "externalId");
    }

    @Override
    public AuthMode mode() {
      return AuthMode.ASSUME_ROLE;
    }
  }

  /** The runtime's own credentials (the Lambda function's role, or the default chain). */
  record Ambient() implements DestinationAuth {
    @Override
    public AuthMode mode() {
      return AuthMode.AMBIENT;
    }
  }

  /**
   * A partner event source offered to the customer's account: the connection's {@code eventBus} is
   * the source's name ({@code aws.partner/...}), which the customer's partner event bus must be
   * named after.
   *
   * @param accountId the customer's 12-digit AWS account id
   */
  record PartnerEventSource(String accountId) implements DestinationAuth {
    public PartnerEventSource {
      Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public AuthMode mode() {
      return AuthMode.PARTNER_EVENT_SOURCE;
    }
  }

  /** The auth modes. */
  enum AuthMode {
    ACCESS_KEYS,
    ASSUME_ROLE,
    AMBIENT,
    PARTNER_EVENT_SOURCE
  }
}
