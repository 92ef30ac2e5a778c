package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.CUSTOMER_KEYS;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.connection.DestinationAuth;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** AMBIENT: the runtime's own provider, resolved only when a call is signed. */
class AmbientCredentialsTest {
  private static final DestinationAuth AMBIENT = new DestinationAuth.Ambient();

  private final LocalAwsCredentials aws = new LocalAwsCredentials();
  private final AtomicInteger resolutions = new AtomicInteger();

  /** The runtime's role, here the customer's own key (a deployment in the customer's account). */
  private final AwsCredentialsProvider runtime =
      () -> {
        resolutions.incrementAndGet();
        return AwsBasicCredentials.create(
            CUSTOMER_KEYS.accessKeyId(), CUSTOMER_KEYS.secretAccessKey());
      };

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void forConnection_whenAmbient_resolvesTheRuntimeProviderOnlyWhenSigning() {
    try (DestinationCredentialsProvider providers =
        aws.providers().runtimeCredentials(runtime).build()) {
      AwsCredentialsProvider credentials =
          providers.forConnection(TENANT, "conn-1", 1, REGION, AMBIENT);
      int beforeUse = resolutions.get();

      assertThat(aws.putEvent("conn-1", credentials).failedEntryCount()).isZero();
      assertThat(beforeUse).isZero();
      assertThat(resolutions.get()).isPositive();
    }
  }

  @Test
  void resolveCredentials_whenRuntimeHasNone_isErrorNamingTheConnectionAndFix() {
    AwsCredentialsProvider none =
        () -> {
          throw SdkClientException.create("Unable to load credentials from any of the providers");
        };
    try (DestinationCredentialsProvider providers =
        aws.providers().runtimeCredentials(none).build()) {
      AwsCredentialsProvider credentials =
          providers.forConnection(TENANT, "conn-1", 1, REGION, AMBIENT);

      assertThatThrownBy(credentials::resolveCredentials)
          .isInstanceOfSatisfying(
              AmbientCredentialsUnavailableException.class,
              e -> {
                assertThat(e.action()).isEqualTo(CredentialsFailureAction.ERROR);
                assertThat(e.authMode()).isEqualTo(DestinationAuth.AuthMode.AMBIENT);
                assertThat(e)
                    .hasMessageContaining("Connection conn-1")
                    .hasMessageContaining("events:PutEvents");
              });
    }
  }

  @Test
  void build_withoutRuntimeCredentials_usesTheDefaultChainWithoutResolvingIt() {
    try (DestinationCredentialsProvider providers =
        DestinationCredentialsProvider.builder().secretCipher(aws.cipher).build()) {
      AwsCredentialsProvider credentials =
          providers.forConnection(TENANT, "conn-1", 1, REGION, AMBIENT);

      assertThat(credentials).hasToString("AmbientCredentialsProvider[connectionId=conn-1]");
    }
  }
}
