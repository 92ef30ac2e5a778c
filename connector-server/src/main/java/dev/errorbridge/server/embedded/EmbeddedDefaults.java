package dev.errorbridge.server.embedded;

import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.localaws.dynamodb.DynamoDbLocal;
import dev.errorbridge.server.config.ServerConfig;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * What the server runs on when nothing is configured: DynamoDB Local with its tables in {@code
 * <data>/dynamodb}, local-aws's EventBridge + KMS + STS on loopback with the KMS key kept in {@code
 * <data>/kms-key.json}, and the {@link RuntimeSettings} pointing Errorbridge at both.
 */
public final class EmbeddedDefaults implements AutoCloseable {
  /** The region everything embedded lives in. */
  public static final Region REGION = Region.US_EAST_1;

  /** The table name on embedded defaults. */
  public static final String TABLE = "errorbridge";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefaults.class);
  private static final String LOOPBACK = "127.0.0.1";

  private final DataDirectory data;
  private final DynamoDbLocal dynamoDb;
  private final EmbeddedAws aws;
  private final RuntimeSettings settings;

  private EmbeddedDefaults(
      DataDirectory data, DynamoDbLocal dynamoDb, EmbeddedAws aws, RuntimeSettings settings) {
    this.data = data;
    this.dynamoDb = dynamoDb;
    this.aws = aws;
    this.settings = settings;
  }

  /** Starts DynamoDB Local and the embedded AWS, restoring (or creating) the KMS key. */
  public static EmbeddedDefaults start(ServerConfig config, Clock clock) {
    DataDirectory data = DataDirectory.open(config.dataDirectory());
    SqliteNativeLibrary.ensureAvailable(data);
    DynamoDbLocal dynamoDb =
        DynamoDbLocal.builder()
            .port(config.embeddedDynamoDbPort())
            .dataDirectory(data.directory("dynamodb"))
            .build()
            .start();
    EmbeddedAws aws = null;
    try {
      SecureRandom fresh = new SecureRandom();
      EmbeddedKmsKey key = EmbeddedKmsKey.loadOrCreate(data, fresh);
      aws = EmbeddedAws.start(LOOPBACK, config.embeddedAwsPort(), key.random(fresh), clock);
      String keyArn = createKey(aws, key, data);
      RuntimeSettings settings =
          new RuntimeSettings(
              REGION,
              TABLE,
              keyArn,
              aws.endpoint(),
              dynamoDb.endpoint(),
              config.allowedHosts(),
              config.allowedNetworks());
      LOG.info(
          "embedded defaults started aws={} dynamodb={} data={} kmsKey={}",
          aws.endpoint(),
          dynamoDb.endpoint(),
          data.root(),
          keyArn);
      return new EmbeddedDefaults(data, dynamoDb, aws, settings);
    } catch (RuntimeException e) {
      if (aws != null) {
        aws.close();
      }
      dynamoDb.close();
      throw e;
    }
  }

  private static String createKey(EmbeddedAws aws, EmbeddedKmsKey key, DataDirectory data) {
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(aws.endpoint())
            .region(REGION)
            .credentialsProvider(credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      KeyMetadata created =
          kms.createKey(b -> b.description("Errorbridge embedded defaults: connection secrets"))
              .keyMetadata();
      if (!created.keyId().equals(key.keyId())) {
        throw new IllegalStateException(
            "the embedded KMS key "
                + key.keyId()
                + " could not be re-created (local-aws made "
                + created.keyId()
                + "): local-aws no longer draws key material and id as this server expects, so"
                + " secrets stored in "
                + data.root()
                + " cannot be decrypted. Re-enter the connections' secrets after deleting the data"
                + " directory, or run the server version that wrote it");
      }
      key.storeIfNew(data);
      return created.arn();
    }
  }

  /** The fixed credentials Errorbridge uses on embedded defaults (DynamoDB Local, KMS). */
  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            EmbeddedAws.SERVER_CREDENTIALS.accessKeyId(),
            EmbeddedAws.SERVER_CREDENTIALS.secretAccessKey()));
  }

  public DataDirectory data() {
    return data;
  }

  public EmbeddedAws aws() {
    return aws;
  }

  public DynamoDbLocal dynamoDb() {
    return dynamoDb;
  }

  /** Where Errorbridge's components find the table, the KMS key and the endpoints. */
  public RuntimeSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    aws.close();
    dynamoDb.close();
  }
}
