package dev.errorbridge.localaws.sts;

import dev.errorbridge.localaws.LocalAwsConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role local-aws's STS lets callers assume: the role ARN and the part of its trust policy that
 * matters here, namely which accounts may assume it and the {@code sts:ExternalId} they must pass.
 *
 * <p>The trust policy this stands for:
 *
 * <pre>{@code
 * {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::<trusted account>:root"},
 *  "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "<external id>"}}}
 * }</pre>
 *
 * @param roleArn {@code arn:aws:iam::<12-digit account>:role/<optional path/><name>}
 * @param trustedAccountIds the 12-digit accounts allowed to assume the role (at least one)
 * @param requiredExternalId the External ID every AssumeRole must pass, or {@code null} when the
 *     trust policy has no {@code sts:ExternalId} condition
 * @param maxSessionDurationSeconds the role's MaxSessionDuration, 3600 to 43200
 */
public record StsRole(
    String roleArn,
    Set<String> trustedAccountIds,
    String requiredExternalId,
    int maxSessionDurationSeconds) {

  /**
   * The top of STS's range. AWS gives a new role 3600; local-aws defaults higher so that a test
   * picks any duration STS accepts, and sets it lower to exercise the MaxSessionDuration check.
   */
  public static final int DEFAULT_MAX_SESSION_DURATION_SECONDS = 43_200;

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  public StsRole {
    List<String> problems = new ArrayList<>();
    if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
      problems.add(
          "roleArn must look like arn:aws:iam::111111111111:role/errorbridge-publisher; got '"
              + roleArn
              + "'");
    }
    if (trustedAccountIds == null || trustedAccountIds.isEmpty()) {
      problems.add("trustedAccountIds must name at least one 12-digit account that may assume it");
    } else {
      for (String account : trustedAccountIds) {
        if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
          problems.add("trusted account ids must be 12 digits; got '" + account + "'");
        }
      }
    }
    if (requiredExternalId != null && !EXTERNAL_ID.matcher(requiredExternalId).matches()) {
      problems.add(
          "requiredExternalId must be 2 to 1224 of the characters [\\w+=,.@:/-] (or null for none)");
    }
    if (maxSessionDurationSeconds < 3600 || maxSessionDurationSeconds > 43_200) {
      problems.add(
          "maxSessionDurationSeconds must be between 3600 and 43200; got "
              + maxSessionDurationSeconds);
    }
    if (!problems.isEmpty()) {
      throw new LocalAwsConfigException("Invalid role: " + String.join("; ", problems));
    }
    trustedAccountIds = Set.copyOf(trustedAccountIds);
  }

  /**
   * A role the given accounts may assume, with an External ID condition unless {@code
   * requiredExternalId} is {@code null}, and {@link #DEFAULT_MAX_SESSION_DURATION_SECONDS}.
   */
  public static StsRole of(
      String roleArn, Set<String> trustedAccountIds, String requiredExternalId) {
    return new StsRole(
        roleArn, trustedAccountIds, requiredExternalId, DEFAULT_MAX_SESSION_DURATION_SECONDS);
  }

  /** The same role with another MaxSessionDuration. */
  public StsRole withMaxSessionDurationSeconds(int seconds) {
    return new StsRole(roleArn, trustedAccountIds, requiredExternalId, seconds);
  }

  /** The account that owns the role; its sessions act in this account. */
  public String accountId() {
    return arnPart(1);
  }

  /** The role's name, the last segment of its path. */
  public String roleName() {
    return arnPart(2);
  }

  /** Whether {@code roleArn} is a well-formed IAM role ARN. */
  static boolean isRoleArn(String roleArn) {
    return roleArn != null && ROLE_ARN.matcher(roleArn).matches();
  }

  private String arnPart(int group) {
    Matcher matcher = ROLE_ARN.matcher(roleArn);
    if (!matcher.matches()) {
      throw new IllegalStateException("validated at construction");
    }
    return matcher.group(group);
  }
}
