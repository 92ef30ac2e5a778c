package dev.errorbridge.localaws.sts;

import java.time.Instant;

/**
 * Temporary credentials STS issued for an assumed role. Requests signed with them act in the role's
 * account until {@code expiration}.
 *
 * @param accessKeyId {@code ASIA…}, like every temporary AWS access key id
 * @param secretAccessKey the secret the signature is verified with; never printed
 * @param sessionToken the token requests must carry in {@code X-Amz-Security-Token}; never printed
 * @param accountId the role's account
 * @param assumedRoleArn {@code arn:aws:sts::<account>:assumed-role/<role name>/<session name>}
 * @param assumedRoleId {@code <role id>:<session name>}
 * @param expiration when the credentials stop working
 */
public record StsSession(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    String accountId,
    String assumedRoleArn,
    String assumedRoleId,
    Instant expiration) {

  @Override
  public String toString() {
    return "StsSession[accessKeyId="
        + accessKeyId
        + ", assumedRoleArn="
        + assumedRoleArn
        + ", expiration="
        + expiration
        + "]";
  }
}
