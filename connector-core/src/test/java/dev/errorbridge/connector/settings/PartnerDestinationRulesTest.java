package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.inbound.FieldProblem;
import dev.errorbridge.connector.partner.PartnerMode;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.testing.FakeDns;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings API's rules for PARTNER_EVENT_SOURCE destinations, each problem with its fix. */
class PartnerDestinationRulesTest {
  private static final BaseUrlPolicy BASE_URLS =
      BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of());
  private static final DestinationPolicy PARTNER_ON =
      DestinationPolicy.unrestricted()
          .withPartner(new PartnerMode("aws.partner/example.com/errorbridge"));
  private final ConnectionValidator validator = new ConnectionValidator(BASE_URLS, PARTNER_ON);

  private static ConnectionRequest partner(String eventBus, ConnectionRequest.Auth auth) {
    return new ConnectionRequest(
        "Runflow",
        true,
        new ConnectionRequest.Source(
            "runflow", null, SecretValue.of("rf_live_0123456789"), null, null, Map.of()),
        null,
        new ConnectionRequest.Destination("eu-west-1", eventBus, auth),
        null);
  }

  private static ConnectionRequest.Auth account(String accountId) {
    return new ConnectionRequest.Auth("PARTNER_EVENT_SOURCE", null, null, null, null, accountId);
  }

  @Test
  void validate_whenAnAccountIdAndNoBus_passes() {
    assertThatCode(() -> validator.validate(partner(null, account("111122223333")), null))
        .doesNotThrowAnyException();
  }

  @Test
  void validate_whenTheAccountIdIsNotTwelveDigits_namesTheFieldAndWhereToFindIt() {
    assertThatThrownBy(() -> validator.validate(partner(null, account("1111-2222-3333")), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.field()).isEqualTo("destination.auth.accountId");
                          assertThat(p.message())
                              .contains("12 digits")
                              .contains("aws sts get-caller-identity");
                        }));
  }

  @Test
  void validate_whenTheAccountIdIsMissing_namesTheField() {
    assertThatThrownBy(() -> validator.validate(partner(null, account(null)), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("destination.auth.accountId"));
  }

  @Test
  void validate_whenABusOrCredentialsAreGiven_saysErrorbridgeNamesTheBusAndNeedsNoKeys() {
    ConnectionRequest.Auth withKeys =
        new ConnectionRequest.Auth(
            "PARTNER_EVENT_SOURCE",
            "AKIAIOSFODNN7EXAMPLE",
            SecretValue.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            null,
            null,
            "111122223333");

    assertThatThrownBy(() -> validator.validate(partner("my-bus", withKeys), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::toString)
                    .anyMatch(p -> p.startsWith("destination.eventBus: is chosen by Errorbridge"))
                    .anyMatch(p -> p.contains("needs no credentials from you")));
  }

  @Test
  void validate_whenPartnerModeIsOff_namesTheModeAndTheSettingThatTurnsItOn() {
    ConnectionValidator off = new ConnectionValidator(BASE_URLS, DestinationPolicy.unrestricted());

    assertThatThrownBy(() -> off.validate(partner(null, account("111122223333")), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.field()).isEqualTo("destination.auth.mode");
                          assertThat(p.message())
                              .contains("PARTNER_EVENT_SOURCE is off")
                              .contains("ERRORBRIDGE_PARTNER_SOURCE_PREFIX")
                              .contains("use ASSUME_ROLE or ACCESS_KEYS");
                        }));
  }

  @Test
  void validate_whenAnAccountIdComesWithAnotherMode_saysItIsOnlyForPartnerSources() {
    ConnectionRequest.Auth role =
        new ConnectionRequest.Auth(
            "ASSUME_ROLE",
            null,
            null,
            null,
            "arn:aws:iam::111122223333:role/errorbridge-publisher",
            "111122223333");

    assertThatThrownBy(() -> validator.validate(partner("errors", role), null))
        .isInstanceOfSatisfying(
            ConnectionInvalidException.class,
            e ->
                assertThat(e.problems())
                    .extracting(FieldProblem::field)
                    .containsExactly("destination.auth.accountId"));
  }
}
