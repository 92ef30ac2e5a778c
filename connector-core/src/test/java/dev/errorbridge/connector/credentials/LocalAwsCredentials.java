package dev.errorbridge.connector.credentials;

import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.connection.StoredSecret;
import dev.errorbridge.connector.publish.DefaultEventBridgeClientFactory;
import dev.errorbridge.connector.publish.Destination;
import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A local-aws with Errorbridge's account (the default {@code test} key, which owns the KMS key and
 * calls STS) and a customer account that owns the bus {@value #BUS}, plus helpers to store secrets
 * and publish one event with a credentials provider.
 */
final class LocalAwsCredentials implements AutoCloseable {
  static final String TENANT = "tenant-a";
  static final String ERRORBRIDGE_ACCOUNT = "000000000000";
  static final String CUSTOMER_ACCOUNT = "111111111111";
  static final String ROLE_ARN = "arn:aws:iam::111111111111:role/errorbridge-publisher";
  static final String EXTERNAL_ID = "eb-k3q7x2m4c5vbn6a7s2d3f4g5h6j7k2l3";
  static final String REGION = "us-east-1";
  static final String BUS = "errors";

  /** The customer's IAM user keys; the secret doubles as a canary no message may contain. */
  static final AccountCredentials CUSTOMER_KEYS =
      new AccountCredentials(
          "AKIACANARY0000000001", "wJalrXUtnFEMI/K7MDENG/canaryCANARYcanary", CUSTOMER_ACCOUNT);

  static final AwsCredentialsProvider ERRORBRIDGE_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  final LocalAws localAws;
  final KmsClient kms;
  final String keyId;
  final KmsSecretCipher cipher;
  private final DefaultEventBridgeClientFactory eventBridgeClients =
      new DefaultEventBridgeClientFactory();

  LocalAwsCredentials() {
    this(Clock.systemUTC());
  }

  /** With local-aws on {@code clock}, which issued sessions expire by. */
  LocalAwsCredentials(Clock clock) {
    this.localAws =
        LocalAws.start(LocalAwsConfig.builder().clock(clock).credentials(CUSTOMER_KEYS).build());
    this.kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.of(REGION))
            .credentialsProvider(ERRORBRIDGE_CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
    this.keyId = kms.createKey(r -> r.description("connection secrets")).keyMetadata().keyId();
    // No plaintext cache, so every resolution reaches KMS and KMS faults show.
    this.cipher = new KmsSecretCipher(kms, keyId, Duration.ZERO, Clock.systemUTC());
    try (EventBridgeClient customer =
        eventBridge(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    CUSTOMER_KEYS.accessKeyId(), CUSTOMER_KEYS.secretAccessKey())))) {
      customer.createEventBus(r -> r.name(BUS));
    }
  }

  /** STS clients signing as Errorbridge, SDK retries off so failure tests answer at once. */
  StsClientFactory stsClients() {
    return region ->
        StsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(region)
            .credentialsProvider(ERRORBRIDGE_CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
  }

  /** Providers wired to this local-aws, decrypting with {@code secretCipher}. */
  DestinationCredentialsProvider.Builder providers(SecretCipher secretCipher) {
    return DestinationCredentialsProvider.builder()
        .secretCipher(secretCipher)
        .runtimeCredentials(ERRORBRIDGE_CREDENTIALS)
        .stsClients(stsClients());
  }

  DestinationCredentialsProvider.Builder providers() {
    return providers(cipher);
  }

  /** Trusts Errorbridge's account with {@link #EXTERNAL_ID}. */
  void registerRole() {
    localAws.roles().register(ROLE_ARN, java.util.Set.of(ERRORBRIDGE_ACCOUNT), EXTERNAL_ID);
  }

  StoredSecret store(String connectionId, SecretPurpose purpose, String plaintext) {
    SecretValue value = SecretValue.of(plaintext);
    return new StoredSecret(
        cipher.encrypt(new SecretRef(TENANT, connectionId, purpose), value), value.hint());
  }

  /** The customer's long-term keys, stored for {@code connectionId}. */
  DestinationAuth.AccessKeys customerKeys(String connectionId) {
    return new DestinationAuth.AccessKeys(
        CUSTOMER_KEYS.accessKeyId(),
        store(connectionId, SecretPurpose.AWS_SECRET_ACCESS_KEY, CUSTOMER_KEYS.secretAccessKey()),
        null);
  }

  /**
   * Publishes one event to {@value #BUS} through the publisher's own client factory; the bus exists
   * only in the customer's account, so success proves the credentials act there.
   */
  PutEventsResponse putEvent(String connectionId, AwsCredentialsProvider credentials) {
    Destination destination =
        new Destination(
            TENANT, connectionId, Region.of(REGION), BUS, credentials, localAws.endpoint());
    try (EventBridgeClient client = eventBridgeClients.create(destination)) {
      return client.putEvents(
          r ->
              r.entries(
                  e ->
                      e.eventBusName(BUS)
                          .source("errorbridge.test")
                          .detailType("Workflow Execution Failed")
                          .detail("{\"outcome\":\"FAILED\"}")));
    }
  }

  EventBridgeClient eventBridge(AwsCredentialsProvider credentials) {
    return EventBridgeClient.builder()
        .endpointOverride(localAws.endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  @Override
  public void close() {
    kms.close();
    localAws.close();
  }
}
