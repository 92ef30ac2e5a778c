package dev.errorbridge.localaws.sts;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roles local-aws's STS knows, by ARN. A role that is not registered cannot be assumed, as if
 * it did not exist or did not trust anyone. Thread-safe.
 *
 * <pre>{@code
 * localAws.roles().register(
 *     "arn:aws:iam::111111111111:role/errorbridge-publisher", Set.of("000000000000"), "eb-abc123");
 * }</pre>
 */
public final class StsRoles {
  private final Map<String, Registered> byArn = new ConcurrentHashMap<>();
  private final SecureRandom random;

  /** A role with the unique id IAM gives it ({@code AROA…}), part of its sessions' user ids. */
  record Registered(StsRole role, String roleId) {}

  public StsRoles(SecureRandom random) {
    this.random = random;
  }

  /** Registers (or replaces) a role. */
  public StsRole register(StsRole role) {
    byArn.put(role.roleArn(), new Registered(role, "AROA" + StsIds.base32(random, 17)));
    return role;
  }

  /**
   * Registers (or replaces) a role that {@code trustedAccountIds} may assume, passing {@code
   * requiredExternalId} unless it is {@code null}.
   *
   * @throws dev.errorbridge.localaws.LocalAwsConfigException when the ARN, an account id or the
   *     External ID is malformed
   */
  public StsRole register(
      String roleArn, Set<String> trustedAccountIds, String requiredExternalId) {
    return register(StsRole.of(roleArn, trustedAccountIds, requiredExternalId));
  }

  /** Forgets a role; sessions already issued for it stay valid until they expire, as in IAM. */
  public void remove(String roleArn) {
    byArn.remove(roleArn);
  }

  /** Every registered role. */
  public List<StsRole> all() {
    return byArn.values().stream().map(Registered::role).toList();
  }

  Registered find(String roleArn) {
    return byArn.get(roleArn);
  }
}
