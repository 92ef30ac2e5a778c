package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.testing.FakeDns;
import dev.errorbridge.connector.testing.TestConnections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionValidatorTest {
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private final ConnectionValidator validator =
      new ConnectionValidator(BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of()));

  static ConnectionRequest valid() {
    return new ConnectionRequest(
        "Dify",
        true,
        new ConnectionRequest.Source(
            "dify",
            "https://api.dify.ai/v1",
            SecretValue.of("app-abcdef123456"),
            List.of("FAILED", "stopped"),
            null,
            Map.of("appId", "app-77")),
        null,
        new ConnectionRequest.Destination(
            "eu-west-1",
            "errorbridge-demo",
            new ConnectionRequest.Auth(
                "ACCESS_KEYS", "AKIAIOSFODNN7EXAMPLE", SecretValue.of(SECRET_KEY), null, null)),
        null);
  }

  @Test
  void validate_whenValid_passes() {
    assertThatCode(() -> validator.validate(valid(), null)).doesNotThrowAnyException();
  }

  @Test
  void validate_whenAnN8nConnectionHasNoBaseUrl_namesTheFieldAtSave() {
    ConnectionRequest request =
        withSource(
            new ConnectionRequest.Source(
                "n8n", null, SecretValue.of("n8n_api_abcdef"), null, null, Map.of()));

    assertThatThrownBy(() -> validator.validate(request, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new FieldProblem(
                            "source.baseUrl",
                            "is required to poll n8n: it has no public API address; give your"
                                + " instance's, e.g. https://n8n.example.com")));
  }

  @Test
  void validate_whenAPlatformWithAPublicApiHasNoBaseUrl_passes() {
    ConnectionRequest request =
        withSource(
            new ConnectionRequest.Source(
                "dify",
                null,
                SecretValue.of("app-abcdef123456"),
                null,
                null,
                Map.of("appId", "a")));

    assertThatCode(() -> validator.validate(request, null)).doesNotThrowAnyException();
  }

  private static ConnectionRequest withSource(ConnectionRequest.Source source) {
    ConnectionRequest valid = valid();
    return new ConnectionRequest(
        valid.name(),
        valid.enabled(),
        source,
        valid.webhook(),
        valid.destination(),
        valid.mapping());
  }

  @Test
  void validate_whenEmptyCreate_reportsEveryRequiredPart() {
    assertThatThrownBy(
            () ->
                validator.validate(new ConnectionRequest(null, null, null, null, null, null), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("source", "destination"));
  }

  @Test
  void validate_whenManyFieldsWrong_reportsThemAllAtOnce() {
    ConnectionRequest request =
        new ConnectionRequest(
            "",
            null,
            new ConnectionRequest.Source(
                "zapier",
                "https://10.0.0.1/",
                SecretValue.of("key with spaces"),
                List.of("SUCCEEDED"),
                List.of(""),
                null),
            null,
            new ConnectionRequest.Destination(
                "eu-west-9",
                "my/bus",
                new ConnectionRequest.Auth(
                    "ACCESS_KEYS", "akia-lower", SecretValue.of("short"), null, "arn:x")),
            new ConnectionRequest.Mapping("aws.events", null, 2_000_000));

    assertThatThrownBy(() -> validator.validate(request, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .contains(
                        "name",
                        "source.platform",
                        "source.baseUrl",
                        "source.apiKey",
                        "source.outcomes",
                        "source.workflowIds",
                        "destination.region",
                        "destination.eventBus",
                        "destination.auth.accessKeyId",
                        "destination.auth.secretAccessKey",
                        "destination.auth.roleArn",
                        "mapping"));
  }

  @Test
  void validate_whenProblemsReported_neverEchoesASecret() {
    ConnectionRequest request =
        new ConnectionRequest(
            null,
            null,
            valid().source(),
            null,
            new ConnectionRequest.Destination(
                "eu-west-1",
                "bus",
                new ConnectionRequest.Auth(
                    "ACCESS_KEYS",
                    "AKIAIOSFODNN7EXAMPLE",
                    SecretValue.of("CANARY-not-40-chars"),
                    null,
                    null)),
            null);

    assertThatThrownBy(() -> validator.validate(request, null)).hasMessageNotContaining("CANARY");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "default",
        "errorbridge-demo",
        "a.b_c-d",
        "aws.partner/example.com/123/stream",
        "arn:aws:events:eu-west-1:123456789012:event-bus/errorbridge-demo"
      })
  void validate_whenBusNameOrArnValid_passes(String bus) {
    ConnectionRequest request = withBus(bus, "eu-west-1");

    assertThatCode(() -> validator.validate(request, null)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "my/bus",
        "bus with space",
        "arn:aws:events:eu-west-1:1234:event-bus/x",
        "bús"
      })
  void validate_whenBusInvalid_reportsEventBus(String bus) {
    assertThatThrownBy(() -> validator.validate(withBus(bus, "eu-west-1"), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .contains("destination.eventBus"));
  }

  @Test
  void validate_whenBusArnRegionDisagrees_saysToMakeThemAgree() {
    ConnectionRequest request =
        withBus("arn:aws:events:us-east-1:123456789012:event-bus/demo", "eu-west-1");

    assertThatThrownBy(() -> validator.validate(request, null))
        .hasMessageContaining("is in region us-east-1 but destination.region is eu-west-1");
  }

  @Test
  void validate_whenTemporaryKeysWithoutToken_asksForTheToken() {
    ConnectionRequest request =
        withAuth(
            new ConnectionRequest.Auth(
                "ACCESS_KEYS", "ASIAIOSFODNN7EXAMPLE", SecretValue.of(SECRET_KEY), null, null));

    assertThatThrownBy(() -> validator.validate(request, null))
        .hasMessageContaining("destination.auth.sessionToken");
  }

  @Test
  void validate_whenAssumeRoleWithBadArnOrKeys_reportsBoth() {
    ConnectionRequest request =
        withAuth(
            new ConnectionRequest.Auth(
                "ASSUME_ROLE", "AKIAIOSFODNN7EXAMPLE", null, null, "arn:aws:iam::12:user/x"));

    assertThatThrownBy(() -> validator.validate(request, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactlyInAnyOrder("destination.auth.roleArn", "destination.auth"));
  }

  @Test
  void validate_whenAssumeRoleValid_passes() {
    ConnectionRequest request =
        withAuth(
            new ConnectionRequest.Auth(
                "ASSUME_ROLE",
                null,
                null,
                null,
                "arn:aws:iam::123456789012:role/team/errorbridge-publisher"));

    assertThatCode(() -> validator.validate(request, null)).doesNotThrowAnyException();
  }

  @Test
  void validate_whenRoleNameLacksTheDeploymentsPrefix_namesThePrefixAndTheFix() {
    ConnectionValidator limited = limitedBy(new DestinationPolicy("errorbridge-", false, Set.of()));
    ConnectionRequest request =
        withAuth(
            new ConnectionRequest.Auth(
                "ASSUME_ROLE", null, null, null, "arn:aws:iam::123456789012:role/publisher"));

    assertThatThrownBy(() -> limited.validate(request, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.field()).isEqualTo("destination.auth.roleArn");
                          assertThat(p.message())
                              .contains("starts with 'errorbridge-'")
                              .contains("customerRoleNamePrefix");
                        }));
    assertThatCode(
            () ->
                limited.validate(
                    withAuth(
                        new ConnectionRequest.Auth(
                            "ASSUME_ROLE",
                            null,
                            null,
                            null,
                            "arn:aws:iam::123456789012:role/errorbridge-publisher")),
                    null))
        .doesNotThrowAnyException();
  }

  @Test
  void validate_whenAmbientIsOffInTheDeployment_offersTheOtherModes() {
    ConnectionValidator limited = limitedBy(new DestinationPolicy("", false, Set.of()));

    assertThatThrownBy(
            () ->
                limited.validate(
                    withAuth(new ConnectionRequest.Auth("AMBIENT", null, null, null, null)), null))
        .hasMessageContaining("destination.auth.mode: AMBIENT is off in this deployment")
        .hasMessageContaining("ASSUME_ROLE");
  }

  @Test
  void validate_whenAmbientBusIsNotAllowed_listsTheAllowedBuses() {
    ConnectionValidator limited = limitedBy(new DestinationPolicy("", true, Set.of("ops-alerts")));
    ConnectionRequest.Auth ambient = new ConnectionRequest.Auth("AMBIENT", null, null, null, null);

    assertThatThrownBy(() -> limited.validate(withAuth(ambient), null))
        .hasMessageContaining("destination.eventBus: AMBIENT connections may only publish to")
        .hasMessageContaining("ops-alerts");
    assertThatCode(
            () ->
                limited.validate(
                    withBusAndAuth(
                        "arn:aws:events:eu-west-1:123456789012:event-bus/ops-alerts", ambient),
                    null))
        .doesNotThrowAnyException();
  }

  @Test
  void validate_whenAnUpdateMovesAnAmbientConnectionToAnotherBus_checksTheNewBus() {
    ConnectionValidator limited = limitedBy(new DestinationPolicy("", true, Set.of("ops-alerts")));
    Connection ambient = TestConnections.ambient("t", "c");
    ConnectionRequest patch =
        new ConnectionRequest(
            null, null, null, null, new ConnectionRequest.Destination(null, "other", null), null);

    assertThatThrownBy(() -> limited.validate(patch, ambient))
        .hasMessageContaining("destination.eventBus: AMBIENT connections may only publish to");
  }

  @Test
  void validate_whenUnknownAuthMode_listsTheModes() {
    assertThatThrownBy(
            () ->
                validator.validate(
                    withAuth(new ConnectionRequest.Auth("PASSWORD", null, null, null, null)), null))
        .hasMessageContaining("ACCESS_KEYS, ASSUME_ROLE, AMBIENT or PARTNER_EVENT_SOURCE");
  }

  @Test
  void validate_whenGenericWebhookWithoutSecretOrPointers_reportsEach() {
    ConnectionRequest request =
        new ConnectionRequest(
            null,
            null,
            new ConnectionRequest.Source("webhook", null, null, null, null, null),
            new ConnectionRequest.Webhook(null, Map.of("errorMessage", "no-slash", "colour", "/c")),
            valid().destination(),
            null);

    assertThatThrownBy(() -> validator.validate(request, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactlyInAnyOrder(
                        "webhook.secret",
                        "webhook.fieldMapping.executionId",
                        "webhook.fieldMapping.workflowId",
                        "webhook.fieldMapping.errorMessage",
                        "webhook.fieldMapping.colour"));
  }

  @Test
  void validate_whenPollingPlatformHasNeitherKeyNorWebhook_asksForOne() {
    ConnectionRequest request =
        new ConnectionRequest(
            null,
            null,
            new ConnectionRequest.Source("runflow", null, null, null, null, null),
            null,
            valid().destination(),
            null);

    assertThatThrownBy(() -> validator.validate(request, null))
        .hasMessageContaining("source.apiKey: is required to poll runflow");
  }

  @Test
  void validate_whenPolledPlatformOptionsWrong_reportsEachWithTheKnownKeys() {
    ConnectionRequest.Source source =
        new ConnectionRequest.Source(
            "dify",
            null,
            SecretValue.of("app-abcdef123456"),
            null,
            null,
            Map.of("pageSize", "lots", "colour", "red"));
    ConnectionRequest request =
        new ConnectionRequest(null, null, source, null, valid().destination(), null);

    assertThatThrownBy(() -> validator.validate(request, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .filteredOn(p -> p.field().equals("source.options"))
                    .extracting(FieldProblem::message)
                    .anySatisfy(m -> assertThat(m).contains("unknown option colour")));
  }

  @Test
  void validate_whenPollIntervalGiven_acceptsAValidOneAndNamesTheOptionOfAnInvalidOne() {
    ConnectionRequest valid = difyWithOptions(Map.of("appId", "app-1", "pollInterval", "PT5M"));
    ConnectionRequest invalid = difyWithOptions(Map.of("appId", "app-1", "pollInterval", "PT5S"));

    assertThatCode(() -> validator.validate(valid, null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> validator.validate(invalid, null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.field()).isEqualTo("source.options");
                          assertThat(p.message())
                              .startsWith("option pollInterval must be an ISO 8601 duration")
                              .contains("PT30S to P1D");
                        }));
  }

  private static ConnectionRequest difyWithOptions(Map<String, String> options) {
    ConnectionRequest base = valid();
    ConnectionRequest.Source source = base.source();
    return new ConnectionRequest(
        base.name(),
        base.enabled(),
        new ConnectionRequest.Source(
            source.platform(),
            source.baseUrl(),
            source.apiKey(),
            source.outcomes(),
            source.workflowIds(),
            options),
        base.webhook(),
        base.destination(),
        base.mapping());
  }

  @Test
  void validate_whenUpdateChangesPlatform_refuses() {
    ConnectionRequest patch =
        new ConnectionRequest(
            null,
            null,
            new ConnectionRequest.Source("alloy", null, null, null, null, null),
            null,
            null,
            null);

    assertThatThrownBy(() -> validator.validate(patch, TestConnections.dify("t", "c")))
        .hasMessageContaining("source.platform: cannot change (dify)");
  }

  @Test
  void validate_whenUpdateSendsOnlyRegion_checksItAgainstTheStoredBus() {
    ConnectionRequest patch =
        new ConnectionRequest(
            null,
            null,
            null,
            null,
            new ConnectionRequest.Destination("mars-north-1", null, null),
            null);

    assertThatThrownBy(() -> validator.validate(patch, TestConnections.dify("t", "c")))
        .hasMessageContaining("destination.region: is not an AWS region");
  }

  private static ConnectionRequest withBus(String bus, String region) {
    ConnectionRequest v = valid();
    return new ConnectionRequest(
        v.name(),
        v.enabled(),
        v.source(),
        null,
        new ConnectionRequest.Destination(region, bus, v.destination().auth()),
        null);
  }

  private static ConnectionValidator limitedBy(DestinationPolicy policy) {
    return new ConnectionValidator(BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of()), policy);
  }

  private static ConnectionRequest withBusAndAuth(String bus, ConnectionRequest.Auth auth) {
    ConnectionRequest v = valid();
    return new ConnectionRequest(
        v.name(),
        v.enabled(),
        v.source(),
        null,
        new ConnectionRequest.Destination("eu-west-1", bus, auth),
        null);
  }

  private static ConnectionRequest withAuth(ConnectionRequest.Auth auth) {
    ConnectionRequest v = valid();
    return new ConnectionRequest(
        v.name(),
        v.enabled(),
        v.source(),
        null,
        new ConnectionRequest.Destination("eu-west-1", "bus", auth),
        null);
  }
}
