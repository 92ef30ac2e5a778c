package dev.errorbridge.localaws.sts;

import dev.errorbridge.localaws.internal.AwsServiceException;
import java.util.List;

/**
 * STS's error codes, HTTP statuses and wording, so that clients that log or match them behave as
 * against AWS.
 */
final class StsErrors {
  private StsErrors() {}

  /**
   * STS answers every refusal the same way (no such role, an untrusted account, a wrong or missing
   * External ID) so the answer does not tell a prober which part was wrong.
   */
  static AwsServiceException accessDenied(String callerArn, String roleArn) {
    return new AwsServiceException(
        "AccessDenied",
        403,
        "User: "
            + callerArn
            + " is not authorized to perform: sts:AssumeRole on resource: "
            + roleArn);
  }

  /** One or more constraint violations, counted and joined the way AWS's validator does. */
  static AwsServiceException validation(List<String> violations) {
    String count =
        violations.size() == 1
            ? "1 validation error detected: "
            : violations.size() + " validation errors detected: ";
    return validationError(count + String.join("; ", violations));
  }

  static AwsServiceException validationError(String message) {
    return new AwsServiceException("ValidationError", 400, message);
  }

  static AwsServiceException durationAboveRoleMaximum() {
    return validationError(
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  static AwsServiceException durationAboveChainingLimit() {
    return validationError(
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
            + " chaining.");
  }

  static AwsServiceException invalidAction(String action) {
    return new AwsServiceException(
        "InvalidAction",
        400,
        "Could not find operation " + action + " for version " + StsService.VERSION);
  }
}
