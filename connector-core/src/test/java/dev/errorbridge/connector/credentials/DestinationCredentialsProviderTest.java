package dev.errorbridge.connector.credentials;

import static dev.errorbridge.connector.credentials.LocalAwsCredentials.EXTERNAL_ID;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.REGION;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.ROLE_ARN;
import static dev.errorbridge.connector.credentials.LocalAwsCredentials.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionDestination;
import dev.errorbridge.connector.connection.ConnectionHealth;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.connection.DestinationAuth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** One provider instance per connection and settings version, the publisher's cache key. */
class DefaultDestinationCredentialsProviderTest {
  private static final DestinationAuth.AssumeRole ROLE =
      new DestinationAuth.AssumeRole(ROLE_ARN, EXTERNAL_ID);

  private final LocalAwsCredentials aws = new LocalAwsCredentials();
  private final CountingCipher cipher = new CountingCipher(aws.cipher);
  private final List<Region> stsClientsMade = new ArrayList<>();
  private final DestinationCredentialsProvider providers =
      aws.providers(cipher)
          .stsClients(
              region -> {
                stsClientsMade.add(region);
                return aws.stsClients().create(region);
              })
          .build();

  @AfterEach
  void close() {
    providers.close();
    aws.close();
  }

  @Test
  void forConnection_whenSettingsVersionUnchanged_returnsTheSameInstance() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-1");

    AwsCredentialsProvider first = providers.forConnection(TENANT, "conn-1", 3, REGION, keys);
    AwsCredentialsProvider again = providers.forConnection(TENANT, "conn-1", 3, REGION, keys);

    assertThat(again).isSameAs(first);
  }

  @Test
  void forConnection_whenSettingsVersionChanges_returnsANewInstanceAndForgetsOldPlaintext() {
    DestinationAuth.AccessKeys keys = aws.customerKeys("conn-1");
    AwsCredentialsProvider first = providers.forConnection(TENANT, "conn-1", 3, REGION, keys);

    AwsCredentialsProvider next = providers.forConnection(TENANT, "conn-1", 4, REGION, keys);

    assertThat(next).isNotSameAs(first);
    assertThat(providers.forConnection(TENANT, "conn-1", 4, REGION, keys)).isSameAs(next);
    assertThat(cipher.invalidated()).containsExactly(TENANT + "/conn-1");
  }

  @Test
  void forConnection_whenAnotherConnection_returnsAnotherInstance() {
    AwsCredentialsProvider one = providers.forConnection(TENANT, "conn-1", 1, REGION, ROLE);
    AwsCredentialsProvider two = providers.forConnection(TENANT, "conn-2", 1, REGION, ROLE);

    assertThat(two).isNotSameAs(one);
  }

  @Test
  void forConnection_whenAssumeRoleInSeveralConnections_sharesOneStsClientPerRegion() {
    providers.forConnection(TENANT, "conn-1", 1, "us-east-1", ROLE);
    providers.forConnection(TENANT, "conn-2", 1, "us-east-1", ROLE);
    providers.forConnection(TENANT, "conn-3", 1, "eu-west-1", ROLE);

    assertThat(stsClientsMade).containsExactly(Region.US_EAST_1, Region.EU_WEST_1);
  }

  @Test
  void invalidate_makesTheNextCallBuildANewInstance() {
    AwsCredentialsProvider first = providers.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

    providers.invalidate("conn-1");
    providers.invalidate("never-seen");

    assertThat(providers.forConnection(TENANT, "conn-1", 1, REGION, ROLE)).isNotSameAs(first);
  }

  @Test
  void forConnection_whenGivenAConnection_usesItsTenantVersionRegionAndAuth() {
    aws.registerRole();
    Connection connection = connection(7);

    AwsCredentialsProvider credentials = providers.forConnection(connection);

    assertThat(providers.forConnection(TENANT, "conn-1", 7, REGION, ROLE)).isSameAs(credentials);
    assertThat(providers.forConnection(connection(8))).isNotSameAs(credentials);
  }

  @Test
  void forConnection_whenArgumentsMissing_listsEveryProblem() {
    assertThatThrownBy(() -> providers.forConnection(" ", null, 1, "", null))
        .isInstanceOfSatisfying(
            CredentialsConfigInvalidException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "tenantId is required",
                        "connectionId is required",
                        "region is required, e.g. us-east-1",
                        "auth is required (ACCESS_KEYS, ASSUME_ROLE or AMBIENT)"));
  }

  @Test
  void build_withoutCipher_namesWhatIsNeeded() {
    assertThatThrownBy(() -> DestinationCredentialsProvider.builder().build())
        .isInstanceOf(CredentialsConfigInvalidException.class)
        .hasMessageContaining("secretCipher is required");
  }

  @Test
  void close_closesTheStsClientsItMade() {
    List<StsClient> made = new ArrayList<>();
    DestinationCredentialsProvider closing =
        aws.providers()
            .stsClients(
                region -> {
                  StsClient client = new TrackingStsClient();
                  made.add(client);
                  return client;
                })
            .build();
    closing.forConnection(TENANT, "conn-1", 1, REGION, ROLE);

    closing.close();

    assertThat(made)
        .singleElement()
        .satisfies(c -> assertThat(((TrackingStsClient) c).closed).isTrue());
  }

  /** An STS client that only remembers being closed. */
  private static final class TrackingStsClient implements StsClient {
    volatile boolean closed;

    @Override
    public String serviceName() {
      return "sts";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static Connection connection(long version) {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    return new Connection(
        "conn-1",
        TENANT,
        "Dify failures",
        true,
        sampleSource(),
        null,
        new ConnectionDestination(REGION, "errors", ROLE),
        null,
        ConnectionHealth.initial(true, now),
        now,
        now,
        version);
  }

  private static ConnectionSource sampleSource() {
    return new ConnectionSource(Platform.DIFY, null, null, null, null, null);
  }
}
