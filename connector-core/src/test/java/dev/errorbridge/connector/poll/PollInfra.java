package dev.errorbridge.connector.poll;

import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.localaws.LocalAws;
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
 * What a poll test class starts once: local-aws (EventBridge with a bus, a catch-all rule and a
 * recording target; KMS with a key for the platform keys) and DynamoDB Local.
 */
final class PollInfra implements AutoCloseable {
  static final String BUS = "errorbridge-poll";
  static final String INBOX = "arn:aws:sqs:eu-west-1:000000000000:poll-inbox";
  static final AwsCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  final LocalAws localAws;
  final LocalDynamoDb dynamoDb;
  final KmsClient kms;
  final String keyId;

  private PollInfra(LocalAws localAws, LocalDynamoDb dynamoDb) {
    this.localAws = localAws;
    this.dynamoDb = dynamoDb;
    kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(KEYS)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    keyId = kms.createKey(r -> r.description("platform keys")).keyMetadata().keyId();
    try (EventBridgeClient admin =
        EventBridgeClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(KEYS)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      try {
        admin.createEventBus(b -> b.name(BUS));
      } catch (ResourceAlreadyExistsException sharedAlready) {
        // local-aws is shared by the test JVM: another poll test class made the bus
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

  /** On the test JVM's shared local-aws and DynamoDB Local; closing closes only the KMS client. */
  static PollInfra on(LocalAws localAws, LocalDynamoDb dynamoDb) {
    return new PollInfra(localAws, dynamoDb);
  }

  @Override
  public void close() {
    kms.close();
  }
}
