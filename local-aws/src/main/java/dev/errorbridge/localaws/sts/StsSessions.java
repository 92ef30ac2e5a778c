package dev.errorbridge.localaws.sts;

import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.internal.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary credentials STS has issued, by access key id. The signature verifier looks keys up
 * here as well as among the registered long-term keys; {@link #requireValidToken} then holds a
 * session key to its token and its expiry. Thread-safe.
 */
public final class StsSessions {
  /**
   * Expired sessions are kept this long so that late requests get {@code ExpiredTokenException}
   * rather than an unknown-key error, then forgotten so a long-running server does not grow.
   */
  static final Duration RETAIN_EXPIRED = Duration.ofDays(1);

  private final Map<String, StsSession> byKeyId = new ConcurrentHashMap<>();
  private final SecureRandom random;

  public StsSessions(SecureRandom random) {
    this.random = random;
  }

  /** The session with this access key id, expired or not, or {@code null}. */
  public StsSession find(String accessKeyId) {
    return accessKeyId == null ? null : byKeyId.get(accessKeyId);
  }

  /**
   * A session key as signing credentials in the role's account, or {@code null} when {@code
   * accessKeyId} is not a session key.
   */
  public AccountCredentials credentials(String accessKeyId) {
    StsSession session = find(accessKeyId);
    return session == null
        ? null
        : new AccountCredentials(
            session.accessKeyId(), session.secretAccessKey(), session.accountId());
  }

  /**
   * Checks what the signature cannot: that a request signed with a session key carries that
   * session's token and that the session has not expired. Long-term keys pass untouched.
   *
   * @throws AwsServiceException {@code UnrecognizedClientException} for a missing or wrong token,
   *     {@code ExpiredTokenException} once the session has expired (the AWS JSON services' codes;
   *     the Query front end renames them for STS)
   */
  public void requireValidToken(String accessKeyId, String presentedToken, Instant now) {
    StsSession session = find(accessKeyId);
    if (session == null) {
      return;
    }
    if (presentedToken == null
        || !MessageDigest.isEqual(
            presentedToken.getBytes(StandardCharsets.UTF_8),
            session.sessionToken().getBytes(StandardCharsets.UTF_8))) {
      throw AwsServiceException.clientError(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!now.isBefore(session.expiration())) {
      throw AwsServiceException.clientError(
          "ExpiredTokenException", "The security token included in the request is expired");
    }
  }

  StsSession issue(StsRoles.Registered role, String sessionName, int durationSeconds, Instant now) {
    byKeyId.values().removeIf(s -> s.expiration().plus(RETAIN_EXPIRED).isBefore(now));
    StsRole r = role.role();
    StsSession session =
        new StsSession(
            "ASIA" + StsIds.base32(random, 16),
            StsIds.secretAccessKey(random),
            StsIds.sessionToken(random),
            r.accountId(),
            "arn:aws:sts::" + r.accountId() + ":assumed-role/" + r.roleName() + "/" + sessionName,
            role.roleId() + ":" + sessionName,
            now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(durationSeconds));
    byKeyId.put(session.accessKeyId(), session);
    return session;
  }
}
