package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ERRORBRIDGE_CREDENTIALS;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.EXTERNAL_ID;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ROLE_ARN;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.connection.DestinationAuth;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The providers kept are bounded and forgotten when idle; a forgotten one is retired, safely. */
class DestinationCredentialsEvictionTest {
  private static final DestinationAuth.AssumeRole ROLE =
      new DestinationAuth.AssumeRole(ROLE_ARN, EXTERNAL_ID);

  private final AtomicLong nanos = new AtomicLong();
  private final LocalAwsCredentials aws = new LocalAwsCredentials();
  private final CountingCipher cipher = new CountingCipher(aws.cipher);
  private final DefaultStsClientFactory sts =
      new DefaultStsClientFactory(ERRORBRIDGE_CREDENTIALS, aws.localAws.endpoint());
  private final DestinationCredentialsProvider providers =
      aws.providers(cipher).stsClients(sts).cache(2, Duration.ofHours(2), nanos::get).build();

  @AfterEach
  void close() {
    providers.close();
    sts.close();
    aws.close();
  }

  @Test
  void forConnection_whenMoreConnectionsThanTheBound_retiresTheEvictedAndDropsTheirPlaintext() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-0");
    AwsCredentialsProvider first = providers.forConnection(TENANT, "conn-0", 1, REGION, keys);

    for (int i = 1; i <= 20; i++) {
      for (int use = 0; use < 3; use++) { // used more often than conn-0: conn-0 is a victim
        providers.forConnection(TENANT, "conn-" + i, 1, REGION, keys);
      }
    }

    assertThat(cipher.invalidated()).contains(TENANT + "/conn-0").hasSizeGreaterThanOrEqualTo(18);
    assertThat(providers.forConnection(TENANT, "conn-0", 1, REGION, keys)).isNotSameAs(first);
  }

  @Test
  void forConnection_whenIdleLongerThanTheSpell_retiresItAndMakesANewOne() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-1");
    AwsCredentialsProvider first = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);

    nanos.addAndGet(Duration.ofMinutes(119).toNanos());
    assertThat(providers.forConnection(TENANT, "conn-1", 1, REGION, keys)).isSameAs(first);
    nanos.addAndGet(Duration.ofMinutes(121).toNanos());
    AwsCredentialsProvider later = providers.forConnection(TENANT, "conn-1", 1, REGION, keys);

    assertThat(later).isNotSameAs(first);
    assertThat(cipher.invalidated()).containsExactly(TENANT + "/conn-1");
  }

  @Test
  void resolveCredentials_whenTheProviderWasEvictedWhileAClientHeldIt_stillSigns() {
    aws.registerRole();
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-keys");
    AwsCredentialsProvider role = providers.forConnection(TENANT, "conn-role", 1, REGION, ROLE);
    AwsCredentialsProvider stored = providers.forConnection(TENANT, "conn-keys", 1, REGION, keys);

    nanos.addAndGet(Duration.ofHours(3).toNanos()); // both retired; a client may still hold them
    assertThat(providers.forConnection(TENANT, "conn-role", 1, REGION, ROLE)).isNotSameAs(role);
    assertThat(cipher.invalidated()).contains(TENANT + "/conn-keys");

    assertThat(aws.putEvent("conn-role", role).failedEntryCount()).isZero();
    assertThat(aws.putEvent("conn-keys", stored).failedEntryCount()).isZero();
  }
}
