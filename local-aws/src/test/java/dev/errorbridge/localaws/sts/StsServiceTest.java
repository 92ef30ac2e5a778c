package dev.errorbridge.localaws.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.RequestContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The STS operations called directly, without HTTP. */
class StsServiceTest {
  private static final String ROLE_ARN = "arn:aws:iam::222222222222:role/publisher";
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.750Z");
  private static final RequestContext CALLER =
      new RequestContext("111111111111", "us-east-1", "caller-key", NOW);

  private final StsRoles roles = new StsRoles(new SecureRandom());
  private final StsSessions sessions = new StsSessions(new SecureRandom());
  private final AssumeRoleLog log = new AssumeRoleLog();
  private final StsService sts = new StsService(roles, sessions, log);

  @Test
  void assumeRole_whenGranted_answersStsXmlAndStoresASessionInTheRolesAccount() {
    roles.register(ROLE_ARN, Set.of("111111111111"), "eb-external-id");

    String xml = sts.handle("AssumeRole", params("eb-external-id", null), CALLER, "request-1");

    String keyId = between(xml, "<AccessKeyId>", "</AccessKeyId>");
    StsSession session = sessions.find(keyId);
    assertThat(xml)
        .startsWith("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
        .contains("<Expiration>2026-11-23T11:00:00Z</Expiration>")
        .contains("<Arn>arn:aws:sts::222222222222:assumed-role/publisher/errorbridge-conn-1</Arn>")
        .contains("<RequestId>request-1</RequestId>");
    assertThat(between(xml, "<AssumedRoleId>", "</AssumedRoleId>"))
        .matches("AROA[A-Z2-7]{17}:errorbridge-conn-1");
    assertThat(session.accountId()).isEqualTo("222222222222");
    assertThat(between(xml, "<SessionToken>", "</SessionToken>")).isEqualTo(session.sessionToken());
    assertThat(session.toString())
        .doesNotContain(session.secretAccessKey())
        .doesNotContain(session.sessionToken());
    assertThat(sessions.credentials(keyId).accountId()).isEqualTo("222222222222");
  }

  @Test
  void assumeRole_whenSeveralParametersInvalid_countsAndListsThemAll() {
    Map<String, String> params = new HashMap<>();
    params.put("RoleArn", "arn:aws:iam::1");
    params.put("RoleSessionName", "x");
    params.put("DurationSeconds", "50000");

    assertThatThrownBy(() -> sts.handle("AssumeRole", params, CALLER, "r"))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("ValidationError");
              assertThat(e.getMessage())
                  .startsWith("3 validation errors detected: ")
                  .contains("Value 'arn:aws:iam::1' at 'roleArn'")
                  .contains("Value 'x' at 'roleSessionName'")
                  .contains("Member must have value less than or equal to 43200");
            });
    assertThat(log.all())
        .singleElement()
        .satisfies(c -> assertThat(c.durationSeconds()).isEqualTo(50000));
  }

  @Test
  void assumeRole_whenDurationNotANumber_isValidationError() {
    Map<String, String> params = params(null, "soon");

    assertThatThrownBy(() -> sts.handle("AssumeRole", params, CALLER, "r"))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.getMessage()).contains("Value 'soon' at 'durationSeconds'"));
  }

  @Test
  void assumeRole_whenRoleArnNotARole_isValidationError() {
    Map<String, String> params = params(null, null);
    params.put("RoleArn", "arn:aws:iam::222222222222:user/bob");

    assertThatThrownBy(() -> sts.handle("AssumeRole", params, CALLER, "r"))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo("arn:aws:iam::222222222222:user/bob is invalid"));
  }

  @Test
  void handle_whenActionUnknown_isInvalidAction() {
    assertThatThrownBy(() -> sts.handle("GetSessionToken", Map.of(), CALLER, "r"))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("InvalidAction");
              assertThat(e.getMessage())
                  .isEqualTo("Could not find operation GetSessionToken for version 2011-06-15");
            });
  }

  @Test
  void getCallerIdentity_whenLongTermKey_isTheAccountRoot() {
    String xml = sts.handle("GetCallerIdentity", Map.of(), CALLER, "r");

    assertThat(xml)
        .contains("<Arn>arn:aws:iam::111111111111:root</Arn>")
        .contains("<UserId>111111111111</UserId>")
        .contains("<Account>111111111111</Account>");
  }

  @Test
  void requireValidToken_whenKeyIsLongTerm_ignoresTheToken() {
    assertThatCode(() -> sessions.requireValidToken("caller-key", null, NOW))
        .doesNotThrowAnyException();
    assertThatCode(() -> sessions.requireValidToken("caller-key", "any-token", NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void requireValidToken_whenSessionKeyComesWithoutItsToken_refusesIt() {
    roles.register(ROLE_ARN, Set.of("111111111111"), "eb-external-id");
    String xml = sts.handle("AssumeRole", params("eb-external-id", null), CALLER, "r");
    String keyId = between(xml, "<AccessKeyId>", "</AccessKeyId>");
    String token = between(xml, "<SessionToken>", "</SessionToken>");

    assertThatCode(() -> sessions.requireValidToken(keyId, token, NOW)).doesNotThrowAnyException();
    for (String wrong : new String[] {null, "", token + "x"}) {
      assertThatThrownBy(() -> sessions.requireValidToken(keyId, wrong, NOW))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> assertThat(e.getMessage()).contains("security token"));
    }
  }

  private static Map<String, String> params(String externalId, String duration) {
    Map<String, String> params = new HashMap<>();
    params.put("RoleArn", ROLE_ARN);
    params.put("RoleSessionName", "errorbridge-conn-1");
    if (externalId != null) {
      params.put("ExternalId", externalId);
    }
    if (duration != null) {
      params.put("DurationSeconds", duration);
    }
    return params;
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open) + open.length();
    return text.substring(start, text.indexOf(close, start));
  }
}
