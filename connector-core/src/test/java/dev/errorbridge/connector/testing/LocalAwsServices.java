package dev.errorbridge.connector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.localaws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * local-aws (KMS and EventBridge) and DynamoDB Local for test classes, shared by the test JVM
 * through {@link LocalServices}: a bus {@value #BUS} whose rule sends every event to the recording
 * target {@value #INBOX}, and a KMS client for Errorbridge's own account, SDK retries off so faults
 * show.
 */
public final class LocalAwsServices implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String BUS = "errors";
  public static final String INBOX = "arn:aws:sqs:us-east-1:000000000000:inbox";
  public static final AwsCredentialsProvider RUNTIME_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalAws localAws;
  private final LocalDynamoDb dynamoDb;
  private final KmsClient kms;

  private LocalAwsServices(LocalAws localAws, LocalDynamoDb dynamoDb) {
    this.localAws = localAws;
    this.dynamoDb = dynamoDb;
    this.kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(RUNTIME_CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
    try (EventBridgeClient admin =
        EventBridgeClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(RUNTIME_CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      try {
        admin.createEventBus(b -> b.name(BUS));
      } catch (ResourceAlreadyExistsException sharedAlready) {
        // local-aws is shared by the test JVM: another class made the bus and its rule
      }
      admin.putRule(
          b -> b.name("all").eventBusName(BUS).eventPattern("{\"source\":[{\"prefix\":\"\"}]}"));
      admin.putTargets(
          b ->
              b.rule("all")
                  .eventBusName(BUS)
                  .targets(Target.builder().id("inbox").arn(INBOX).build()));
    }
  }

  /**
   * The services on the test JVM's shared local-aws and DynamoDB Local (see {@link LocalServices},
   * which hands them out): closing them closes only the KMS client.
   */
  static LocalAwsServices on(LocalAws localAws, LocalDynamoDb dynamoDb) {
    return new LocalAwsServices(localAws, dynamoDb);
  }

  public LocalAws localAws() {
    return localAws;
  }

  public LocalDynamoDb dynamoDb() {
    return dynamoDb;
  }

  public KmsClient kms() {
    return kms;
  }

  /** The envelopes the bus's rule delivered to {@value #INBOX}, oldest first. */
  public List<JsonNode> busEvents() {
    return localAws.deliveries().forTarget(INBOX).stream()
        .map(
            d -> {
              try {
                return JSON.readTree(d.envelope());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  /** Forgets deliveries and faults, between tests. */
  public void reset() {
    localAws.deliveries().clear();
    localAws.faults().clear();
  }

  @Override
  public void close() {
    kms.close();
  }
}
