package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.errorbridge.connector.audit.Caller;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tenant comes from the verified IAM identity only. */
class IamCallersTest {
  private final IamCallers callers = new IamCallers(IamCallers.DEFAULT_ROLE_PREFIX);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "arn:aws:sts::111122223333:assumed-role/errorbridge-tenant-acme/alice, 111122223333, acme",
    "arn:aws:sts::111122223333:assumed-role/errorbridge-tenant-a.b_c@d-1/s, 111122223333, a.b_c@d-1",
    "arn:aws-cn:sts::111122223333:assumed-role/errorbridge-tenant-acme/alice, 111122223333, acme"
  })
  void callerOf_whenTenantRoleOfTheApisAccount_isThatTenant(
      String arn, String account, String tenant) {
    Optional<Caller> caller = callers.callerOf(event(arn, account, account));

    assertThat(caller)
        .hasValueSatisfying(
            c -> {
              assertThat(c.tenantId()).isEqualTo(tenant);
              assertThat(c.actor()).isEqualTo(arn);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "arn:aws:iam::111122223333:user/bob, 111122223333, 111122223333",
    "arn:aws:iam::111122223333:root, 111122223333, 111122223333",
    "arn:aws:sts::111122223333:assumed-role/Admin/alice, 111122223333, 111122223333",
    "arn:aws:sts::111122223333:assumed-role/errorbridge-tenant-/alice, 111122223333, 111122223333",
    "arn:aws:sts::111122223333:assumed-role/errorbridge-tenant-a+b/alice, 111122223333, 111122223333",
    "arn:aws:sts::444455556666:assumed-role/errorbridge-tenant-acme/eve, 444455556666, 111122223333",
    "arn:aws:sts::444455556666:assumed-role/errorbridge-tenant-acme/eve, 111122223333, 111122223333"
  })
  void callerOf_whenAnyOtherIdentity_isNobody(String arn, String callerAccount, String apiAccount) {
    assertThat(callers.callerOf(event(arn, callerAccount, apiAccount))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"settings-list-iam-user.json", "webhook-function-url-runflow.json"})
  void callerOf_whenNoTenantRoleOrNoIamAuthoriser_isNobody(String fixture) {
    assertThat(callers.callerOf(Fixtures.event(fixture, APIGatewayV2HTTPEvent.class))).isEmpty();
  }

  private static APIGatewayV2HTTPEvent event(String arn, String callerAccount, String apiAccount) {
    APIGatewayV2HTTPEvent event =
        Fixtures.event("settings-list-acme.json", APIGatewayV2HTTPEvent.class);
    event.getRequestContext().setAccountId(apiAccount);
    event.getRequestContext().getAuthorizer().getIam().setUserArn(arn);
    event.getRequestContext().getAuthorizer().getIam().setAccountId(callerAccount);
    return event;
  }
}
