package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.logs.RetentionDays;

class ErrorbridgePropsTest {

  private static String artifact;

  @BeforeAll
  static void placeholder() {
    artifact = PlaceholderArtifact.create().toString();
  }

  private static ErrorbridgeProps read(Map<String, Object> context) {
    Map<String, Object> withArtifact = new HashMap<>(context);
    withArtifact.putIfAbsent(ErrorbridgeProps.ARTIFACT_PATH, artifact);
    return ErrorbridgeProps.fromContext(withArtifact::get);
  }

  @Test
  void fromContext_whenNothingIsSet_usesTheDocumentedDefaults() {
    ErrorbridgeProps props = read(Map.of());

    assertThat(props.namePrefix()).isEqualTo("errorbridge");
    assertThat(props.artifactPath()).isEqualTo(Path.of(artifact));
    assertThat(props.webhookDomain()).isNull();
    assertThat(props.hasWebhookDomain()).isFalse();
    assertThat(props.webhookCertificateArn()).isNull();
    assertThat(props.alarmEmail()).isNull();
    assertThat(props.logRetentionDays()).isEqualTo(30);
    assertThat(props.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
    assertThat(props.logLevel()).isEqualTo("INFO");
    assertThat(props.customerRoleNamePrefix()).isEqualTo("errorbridge-");
    assertThat(props.ambientEventBuses()).isEmpty();
    assertThat(props.ambientMode()).isFalse();
    assertThat(props.pollWorkerMaxConcurrency()).isEqualTo(50);
    assertThat(props.webhookRateLimit()).isEqualTo(500);
    assertThat(props.allowedHosts()).isEmpty();
    assertThat(props.allowedNetworks()).isEmpty();
    assertThat(props.partnerSourcePrefix()).isNull();
    assertThat(props.partnerMode()).isFalse();
    assertThat(props.customerRoleTemplateUrl()).isNull();
  }

  @Test
  void fromContext_whenAPartnerPrefixAndTemplateUrlAreSet_turnsPartnerModeOn() {
    ErrorbridgeProps props =
        read(
            Map.of(
                ErrorbridgeProps.PARTNER_SOURCE_PREFIX, "aws.partner/example.com/errorbridge",
                ErrorbridgeProps.CUSTOMER_ROLE_TEMPLATE_URL, "https://t.example.com/role.json"));

    assertThat(props.partnerMode()).isTrue();
    assertThat(props.partnerSourcePrefix()).isEqualTo("aws.partner/example.com/errorbridge");
    assertThat(props.customerRoleTemplateUrl()).isEqualTo("https://t.example.com/role.json");
  }

  @Test
  void fromContext_whenThePartnerPrefixOrTemplateUrlIsWrong_namesEach() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        ErrorbridgeProps.PARTNER_SOURCE_PREFIX, "example.com/errorbridge",
                        ErrorbridgeProps.CUSTOMER_ROLE_TEMPLATE_URL, "http://t.example.com/r")))
        .isInstanceOfSatisfying(
            InfraConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("partnerSourcePrefix must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("customerRoleTemplateUrl must be")));
  }

  @Test
  void fromContext_readsStringsNumbersAndLists() {
    ErrorbridgeProps props =
        read(
            Map.of(
                ErrorbridgeProps.WEBHOOK_DOMAIN, "Hooks.Example.COM",
                ErrorbridgeProps.WEBHOOK_CERTIFICATE_ARN,
                    "arn:aws:acm:eu-west-1:111122223333:certificate/abc-123",
                ErrorbridgeProps.LOG_RETENTION_DAYS, 400,
                ErrorbridgeProps.LOG_LEVEL, "warn",
                ErrorbridgeProps.AMBIENT_EVENT_BUSES, List.of("errors", " audit ", "errors"),
                ErrorbridgeProps.POLL_WORKER_MAX_CONCURRENCY, "2"));

    assertThat(props.webhookDomain()).isEqualTo("hooks.example.com");
    assertThat(props.logRetention()).isEqualTo(RetentionDays.THIRTEEN_MONTHS);
    assertThat(props.logLevel()).isEqualTo("WARN");
    assertThat(props.ambientEventBuses()).containsExactly("errors", "audit");
    assertThat(props.ambientMode()).isTrue();
    assertThat(props.pollWorkerMaxConcurrency()).isEqualTo(2);
  }

  @Test
  void fromContext_splitsCommaSeparatedBusesAndIgnoresBlanks() {
    assertThat(read(Map.of(ErrorbridgeProps.AMBIENT_EVENT_BUSES, "a, b,,c ")).ambientEventBuses())
        .containsExactly("a", "b", "c");
    assertThat(read(Map.of(ErrorbridgeProps.AMBIENT_EVENT_BUSES, " ")).ambientMode()).isFalse();
  }

  @Test
  void fromContext_whenEverythingIsWrong_reportsEveryProblemAtOnce() {
    Map<String, Object> context =
        Map.ofEntries(
            Map.entry(ErrorbridgeProps.NAME_PREFIX, "Errorbridge_Prod"),
            Map.entry(ErrorbridgeProps.ARTIFACT_PATH, "target/does-not-exist.jar"),
            Map.entry(ErrorbridgeProps.WEBHOOK_DOMAIN, "not a domain"),
            Map.entry(ErrorbridgeProps.ALARM_EMAIL, "ops-at-example"),
            Map.entry(ErrorbridgeProps.LOG_RETENTION_DAYS, "31"),
            Map.entry(ErrorbridgeProps.LOG_LEVEL, "VERBOSE"),
            Map.entry(ErrorbridgeProps.CUSTOMER_ROLE_NAME_PREFIX, "bad prefix*"),
            Map.entry(ErrorbridgeProps.AMBIENT_EVENT_BUSES, "ok,not ok"),
            Map.entry(ErrorbridgeProps.POLL_WORKER_MAX_CONCURRENCY, "1"),
            Map.entry(ErrorbridgeProps.WEBHOOK_RATE_LIMIT, "lots"),
            Map.entry(ErrorbridgeProps.ALLOWED_HOSTS, "good.example.com,bad host"),
            Map.entry(ErrorbridgeProps.ALLOWED_NETWORKS, "10.0.0.0/8,10.0.0.0"));

    assertThatThrownBy(() -> ErrorbridgeProps.fromContext(context::get))
        .isInstanceOfSatisfying(
            InfraConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(13)
                    .anySatisfy(p -> assertThat(p).startsWith("namePrefix must be 3-32"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("artifactPath ")
                                .contains("does not exist: build connector-lambda first"))
                    .anySatisfy(p -> assertThat(p).startsWith("webhookDomain must be a DNS name"))
                    .anySatisfy(p -> assertThat(p).startsWith("webhookDomain needs"))
                    .anySatisfy(p -> assertThat(p).startsWith("alarmEmail must be"))
                    .anySatisfy(p -> assertThat(p).contains("logRetentionDays must be one of"))
                    .anySatisfy(p -> assertThat(p).startsWith("logLevel must be one of"))
                    .anySatisfy(p -> assertThat(p).startsWith("customerRoleNamePrefix must be"))
                    .anySatisfy(p -> assertThat(p).contains("not ok is not one"))
                    .anySatisfy(p -> assertThat(p).startsWith("pollWorkerMaxConcurrency must be"))
                    .anySatisfy(p -> assertThat(p).startsWith("webhookRateLimit must be a whole"))
                    .anySatisfy(p -> assertThat(p).contains("bad host is not one"))
                    .anySatisfy(p -> assertThat(p).endsWith("and 10.0.0.0 is not")))
        .hasMessageStartingWith("Errorbridge infra configuration is invalid:");
  }

  @Test
  void fromContext_whenACertificateHasNoDomain_saysSo() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        ErrorbridgeProps.WEBHOOK_CERTIFICATE_ARN,
                        "arn:aws:acm:us-east-1:111122223333:certificate/abc")))
        .isInstanceOf(InfraConfigInvalidException.class)
        .hasMessageContaining("webhookCertificateArn is set but webhookDomain is not");
  }

  @Test
  void fromContext_whenTheCertificateIsNotAnAcmArn_saysSo() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        ErrorbridgeProps.WEBHOOK_DOMAIN, "hooks.example.com",
                        ErrorbridgeProps.WEBHOOK_CERTIFICATE_ARN, "arn:aws:iam::1:role/x")))
        .isInstanceOf(InfraConfigInvalidException.class)
        .hasMessageContaining("webhookCertificateArn must be an ACM certificate ARN");
  }

  @Test
  void fromContext_widensToAnyRoleNameOrBusOnlyWhenAskedExplicitly() {
    // A blank prefix keeps the default: allowing every role name has to be spelled out.
    assertThat(
            read(Map.of(ErrorbridgeProps.CUSTOMER_ROLE_NAME_PREFIX, "")).customerRoleNamePrefix())
        .isEqualTo("errorbridge-");

    ErrorbridgeProps props =
        read(
            Map.of(
                ErrorbridgeProps.CUSTOMER_ROLE_NAME_PREFIX, "*",
                ErrorbridgeProps.AMBIENT_EVENT_BUSES, "*"));

    assertThat(props.customerRoleNamePrefix()).isEmpty();
    assertThat(Grants.customerRoleArns(props.customerRoleNamePrefix()))
        .singleElement()
        .asString()
        .endsWith(":iam::*:role/*");
    assertThat(props.ambientEventBuses()).containsExactly("*");
  }
}
