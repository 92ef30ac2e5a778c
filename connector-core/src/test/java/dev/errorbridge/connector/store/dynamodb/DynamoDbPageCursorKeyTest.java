package dev.errorbridge.connector.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.secrets.KmsSecretCipher;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.localaws.LocalAws;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The page cursor key: made once per deployment, shared by every process, sealed at rest. */
@ExtendWith(LocalServices.class)
class DynamoDbPageCursorKeyTest {
  private static LocalDynamoDb dynamoDb;
  private static LocalAws localAws;
  private static KmsClient kms;

  @BeforeAll
  static void start(LocalDynamoDb sharedDynamoDb, LocalAws sharedLocalAws) {
    dynamoDb = sharedDynamoDb;
    localAws = sharedLocalAws;
    kms =
        KmsClient.builder()
            .endpointOverride(localAws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  private KmsSecretCipher cipher(String keyId) {
    return new KmsSecretCipher(kms, keyId);
  }

  @Test
  void bytes_whenProcessesStartTogether_allGetTheOneKeyStored() throws Exception {
    ErrorbridgeTable table = dynamoDb.newTable();
    String keyId = kms.createKey(r -> r.description("secrets")).keyMetadata().keyId();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<byte[]>> processes =
          List.of(
              () -> new DynamoDbPageCursorKey(table, cipher(keyId)).bytes(),
              () -> new DynamoDbPageCursorKey(table, cipher(keyId)).bytes(),
              () -> new DynamoDbPageCursorKey(table, cipher(keyId)).bytes(),
              () -> new DynamoDbPageCursorKey(table, cipher(keyId)).bytes());
      List<Future<byte[]>> keys = pool.invokeAll(processes);

      byte[] first = keys.get(0).get();
      assertThat(first).hasSizeGreaterThanOrEqualTo(32);
      for (Future<byte[]> key : keys) {
        assertThat(key.get()).isEqualTo(first);
      }
      assertThat(new DynamoDbPageCursorKey(table, cipher(keyId)).bytes()).isEqualTo(first);
      String stored = dynamoDb.client().scan(r -> r.tableName(table.name())).items().toString();
      assertThat(stored)
          .contains("page-cursor-key")
          .doesNotContain(Base64.getEncoder().encodeToString(first));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bytes_whenAnotherDeployment_hasItsOwnKey() {
    String keyId = kms.createKey(r -> r.description("secrets")).keyMetadata().keyId();

    byte[] one = new DynamoDbPageCursorKey(dynamoDb.newTable(), cipher(keyId)).bytes();
    byte[] other = new DynamoDbPageCursorKey(dynamoDb.newTable(), cipher(keyId)).bytes();

    assertThat(one).isNotEqualTo(other);
  }
}
