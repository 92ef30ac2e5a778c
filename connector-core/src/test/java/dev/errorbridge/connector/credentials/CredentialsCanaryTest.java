package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ERRORBRIDGE_ACCOUNT;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.EXTERNAL_ID;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ROLE_ARN;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.localaws.fault.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Canary secrets (a fake AKIA key's 40-character secret and a session token) never show in a
 * provider's {@code toString}, the connection's auth, or any failure, stack trace and causes
 * included.
 */
class CredentialsCanaryTest {
  private static final String CANARY_SECRET = "CANARYsecretAccessKey/0123456789abcdefAB";
  private static final String CANARY_TOKEN =
      "CANARYsessionToken+IQoJb3JpZ2luX2VjEJr//////////wEaCXVz";

  private final LocalAwsCredentials aws = new LocalAwsCredentials();
  private final DestinationCredentialsProvider providers = aws.providers().build();

  @AfterEach
  void close() {
    providers.close();
    aws.close();
  }

  @Test
  void secrets_neverAppearInProvidersAuthOrFailures() {
    DestinationAuth.AccessKeys keys =
        new DestinationAuth.AccessKeys(
            "AKIACANARY0000000002",
            aws.store("conn-1", SecretPurpose.AWS_SECRET_ACCESS_KEY, CANARY_SECRET),
            aws.store("conn-1", SecretPurpose.AWS_SESSION_TOKEN, CANARY_TOKEN));
    aws.localAws.roles().register(ROLE_ARN, Set.of(ERRORBRIDGE_ACCOUNT), "eb-not-this-one");
    List<String> shown = new ArrayList<>();

    AwsCredentialsProvider accessKeys = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);
    shown.add(accessKeys.toString());
    shown.add(keys.toString());
    shown.add(accessKeys.resolveCredentials().toString());
    // The keys decrypt, but the bus's account does not know them: EventBridge refuses the call.
    shown.add(everything(catchThrowable(() -> aws.putEvent("conn-1", accessKeys))));
    aws.localAws.faults().inject(Fault.httpStatus("Decrypt", 500).always());
    shown.add(everything(catchThrowable(accessKeys::resolveCredentials)));
    aws.localAws.faults().clear();
    aws.kms.disableKey(r -> r.keyId(aws.keyId));
    shown.add(everything(catchThrowable(accessKeys::resolveCredentials)));

    AwsCredentialsProvider role =
        providers.forConnection(
            TENANT, "conn-2", 1, REGION, new DestinationAuth.AssumeRole(ROLE_ARN, EXTERNAL_ID));
    shown.add(role.toString());
    shown.add(everything(catchThrowable(role::resolveCredentials)));

    assertThat(shown).hasSize(8).allSatisfy(CredentialsCanaryTest::assertNoSecret);
  }

  @Test
  void ambientFailure_neverEchoesWhatTheRuntimeProviderSaid() {
    // Third-party providers' messages are not ours to vouch for: they stay in the cause only.
    try (DestinationCredentialsProvider ambient =
        aws.providers()
            .runtimeCredentials(
                () -> {
                  throw SdkClientException.create("bad profile, secret " + CANARY_SECRET);
                })
            .build()) {
      AwsCredentialsProvider credentials =
          ambient.forConnection(TENANT, "conn-1", 1, REGION, new DestinationAuth.Ambient());

      assertNoSecret(catchThrowable(credentials::resolveCredentials).getMessage());
    }
  }

  private static void assertNoSecret(String text) {
    assertThat(text).isNotBlank().doesNotContain(CANARY_SECRET).doesNotContain(CANARY_TOKEN);
  }

  /** The message, the stack trace and every cause's message. */
  private static String everything(Throwable failure) {
    assertThat(failure).isNotNull();
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return failure + "\n" + trace;
  }
}
