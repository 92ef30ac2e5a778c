package dev.errorbridge.localaws.sts;

import java.time.Instant;

/**
 * One AssumeRole request as STS received it, recorded so tests can assert on what a client sent
 * (e.g. that it passed the connection's External ID).
 *
 * @param receivedAt the server clock's time of the request
 * @param callerAccountId the account of the key that signed the request
 * @param callerAccessKeyId the key that signed the request
 * @param roleArn the {@code RoleArn} parameter
 * @param roleSessionName the {@code RoleSessionName} parameter
 * @param externalId the {@code ExternalId} parameter, or {@code null} when absent
 * @param durationSeconds the {@code DurationSeconds} parameter, or {@code null} when absent (STS
 *     then issues 3600 seconds)
 * @param errorCode the error STS answered ({@code AccessDenied}, {@code ValidationError}…), or
 *     {@code null} when it issued credentials
 */
public record AssumeRoleCall(
    Instant receivedAt,
    String callerAccountId,
    String callerAccessKeyId,
    String roleArn,
    String roleSessionName,
    String externalId,
    Integer durationSeconds,
    String errorCode) {

  /** Whether STS issued credentials. */
  public boolean granted() {
    return errorCode == null;
  }
}
