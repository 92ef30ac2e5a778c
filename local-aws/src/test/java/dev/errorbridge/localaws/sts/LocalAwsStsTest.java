package dev.errorbridge.localaws.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import dev.errorbridge.localaws.contract.LocalAwsEndpoint;
import dev.errorbridge.localaws.fault.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/** What only local-aws's STS has: recorded requests, its clock, role settings, faults, control. */
class LocalAwsStsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ROLE_ARN = "arn:aws:iam::222222222222:role/errorbridge-publisher";
  private static final String EXTERNAL_ID = "eb-0123456789abcdef0123456789abcdef";

  private final SettableClock clock = new SettableClock(Instant.now());
  private final LocalAwsEndpoint aws = new LocalAwsEndpoint(LocalAwsConfig.builder().clock(clock));

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void stsRequests_recordsEveryAssumeRoleAnswered_grantedOrRefused() {
    aws.localAws().roles().register(ROLE_ARN, Set.of("111111111111"), EXTERNAL_ID);

    assume(Account.PRIMARY, r -> r.externalId(EXTERNAL_ID).durationSeconds(1800));
    assertThatThrownBy(() -> assume(Account.PRIMARY, r -> r.externalId("eb-wrong")));
    assertThatThrownBy(() -> assume(Account.PRIMARY, r -> {}));

    assertThat(aws.localAws().stsRequests())
        .extracting(
            AssumeRoleCall::externalId, AssumeRoleCall::durationSeconds, AssumeRoleCall::errorCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EXTERNAL_ID, 1800, null),
            org.assertj.core.groups.Tuple.tuple("eb-wrong", null, "AccessDenied"),
            org.assertj.core.groups.Tuple.tuple(null, null, "AccessDenied"));
    AssumeRoleCall first = aws.localAws().stsRequests().get(0);
    assertThat(first.granted()).isTrue();
    assertThat(first.callerAccountId()).isEqualTo("111111111111");
    assertThat(first.callerAccessKeyId()).isEqualTo(LocalAwsEndpoint.PRIMARY.accessKeyId());
    assertThat(first.roleArn()).isEqualTo(ROLE_ARN);
    assertThat(first.roleSessionName()).isEqualTo("test-session");
    assertThat(first.receivedAt()).isEqualTo(clock.instant());

    aws.localAws().clearStsRequests();
    assertThat(aws.localAws().stsRequests()).isEmpty();
  }

  @Test
  void temporaryCredentials_expireOnTheServersClock_withExpiredTokenErrors() {
    aws.localAws().roles().register(ROLE_ARN, Set.of("111111111111"), EXTERNAL_ID);
    Credentials issued =
        assume(Account.PRIMARY, r -> r.externalId(EXTERNAL_ID).durationSeconds(900));
    AwsSessionCredentials session = session(issued);
    assertThat(issued.expiration())
        .isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(900));

    try (EventBridgeClient events = aws.eventBridge(session);
        KmsClient kms = kms(session);
        StsClient sts = aws.sts(session)) {
      clock.set(issued.expiration().minusSeconds(1));
      assertThat(events.listEventBuses(r -> {}).eventBuses()).isNotNull();

      clock.set(issued.expiration());
      assertError(() -> events.listEventBuses(r -> {}), 400, "ExpiredTokenException");
      assertError(() -> kms.listAliases(r -> {}), 400, "ExpiredTokenException");
      assertError(() -> sts.getCallerIdentity(r -> {}), 400, "ExpiredToken");
    }
  }

  @Test
  void temporaryCredentials_whenTokenWrongOnAJsonService_isUnrecognizedClient() {
    aws.localAws().roles().register(ROLE_ARN, Set.of("111111111111"), null);
    Credentials issued = assume(Account.PRIMARY, r -> {});
    AwsSessionCredentials forged =
        AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), "forged");

    try (EventBridgeClient events = aws.eventBridge(forged)) {
      assertError(() -> events.listEventBuses(r -> {}), 400, "UnrecognizedClientException");
    }
  }

  @Test
  void assumeRole_whenRoleHasNoExternalIdCondition_acceptsAnyOrNone() {
    aws.localAws().roles().register(ROLE_ARN, Set.of("111111111111"), null);

    assertThat(assume(Account.PRIMARY, r -> {}).accessKeyId()).startsWith("ASIA");
    assertThat(assume(Account.PRIMARY, r -> r.externalId("eb-anything")).accessKeyId())
        .startsWith("ASIA");
  }

  @Test
  void assumeRole_whenDurationAboveRolesMaximum_isValidationError() {
    aws.localAws()
        .roles()
        .register(
            StsRole.of(ROLE_ARN, Set.of("111111111111"), null).withMaxSessionDurationSeconds(3600));

    assertError(
        () -> assume(Account.PRIMARY, r -> r.durationSeconds(7200)),
        400,
        "ValidationError",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  @Test
  void assumeRole_whenChainedFromASession_isLimitedToOneHourAndNamesTheSessionWhenDenied() {
    aws.localAws().roles().register(ROLE_ARN, Set.of("111111111111", "222222222222"), null);
    String second = "arn:aws:iam::111111111111:role/second-hop";
    aws.localAws().roles().register(second, Set.of("111111111111"), "eb-second-hop");
    AwsSessionCredentials first = session(assume(Account.PRIMARY, r -> {}));
    // The session acts in 222222222222, which the second role does not trust.
    try (StsClient sts = aws.sts(first)) {
      assertError(
          () ->
              sts.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("hop").durationSeconds(7200)),
          400,
          "ValidationError",
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
              + " chaining.");
      assertError(
          () -> sts.assumeRole(r -> r.roleArn(second).roleSessionName("hop")),
          403,
          "AccessDenied",
          "User: arn:aws:sts::222222222222:assumed-role/errorbridge-publisher/test-session is not"
              + " authorized to perform: sts:AssumeRole on resource: "
              + second);
    }
  }

  @Test
  void assumeRole_whenThrottleInjected_answersThrottling() {
    aws.localAws().roles().register(ROLE_ARN, Set.of("111111111111"), null);
    aws.localAws().faults().inject(Fault.throttle("AssumeRole"));

    assertThatThrownBy(() -> assume(Account.PRIMARY, r -> {}))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
              assertThat(e.isThrottlingException()).isTrue();
            });
    assertThat(assume(Account.PRIMARY, r -> {}).accessKeyId()).startsWith("ASIA");
    assertThat(aws.localAws().stsRequests()).hasSize(1);
  }

  @Test
  void controlApi_whenRolePostedOverHttp_canBeAssumedAndRequestsAreListed() throws Exception {
    HttpResponse<String> posted =
        control(
            "POST",
            "/_localaws/roles",
            "{\"roleArn\":\""
                + ROLE_ARN
                + "\",\"trustedAccountIds\":[\"111111111111\"],\"externalId\":\""
                + EXTERNAL_ID
                + "\"}");
    assertThat(posted.statusCode()).isEqualTo(200);
    assume(Account.PRIMARY, r -> r.externalId(EXTERNAL_ID));

    JsonNode roles = JSON.readTree(control("GET", "/_localaws/roles", null).body());
    JsonNode requests = JSON.readTree(control("GET", "/_localaws/sts-requests", null).body());
    control("DELETE", "/_localaws/sts-requests", null);

    assertThat(roles.at("/roles/0/externalId").asText()).isEqualTo(EXTERNAL_ID);
    assertThat(roles.at("/roles/0/maxSessionDurationSeconds").asInt()).isEqualTo(43_200);
    assertThat(requests.at("/requests/0/externalId").asText()).isEqualTo(EXTERNAL_ID);
    assertThat(requests.at("/requests/0/callerAccountId").asText()).isEqualTo("111111111111");
    assertThat(requests.at("/requests/0/errorCode").isNull()).isTrue();
    assertThat(aws.localAws().stsRequests()).isEmpty();
  }

  @Test
  void controlApi_whenRoleInvalid_answers400NamingTheFix() throws Exception {
    HttpResponse<String> response =
        control(
            "POST", "/_localaws/roles", "{\"roleArn\":\"not-an-arn\",\"trustedAccountIds\":[]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .contains("arn:aws:iam::111111111111:role/errorbridge-publisher")
        .contains("at least one 12-digit account");
  }

  private Credentials assume(Account caller, Consumer<AssumeRoleRequest.Builder> request) {
    try (StsClient sts = aws.sts(caller)) {
      return sts.assumeRole(
              r -> {
                r.roleArn(ROLE_ARN).roleSessionName("test-session");
                request.accept(r);
              })
          .credentials();
    }
  }

  private KmsClient kms(AwsSessionCredentials credentials) {
    return KmsClient.builder()
        .endpointOverride(aws.endpoint())
        .region(aws.region())
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(credentials))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  private static void assertError(Runnable call, int status, String code) {
    assertError(call, status, code, null);
  }

  private static void assertError(Runnable call, int status, String code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
              }
            });
  }

  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return HTTP.send(
        HttpRequest.newBuilder(aws.endpoint().resolve(path)).method(method, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
