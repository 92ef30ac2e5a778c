package dev.errorbridge.localaws;

import dev.errorbridge.localaws.contract.ContractEndpoint;
import dev.errorbridge.localaws.contract.EventBridgeContract;
import dev.errorbridge.localaws.contract.FaultContract;
import dev.errorbridge.localaws.contract.KmsContract;
import dev.errorbridge.localaws.contract.SigV4Contract;
import dev.errorbridge.localaws.contract.StsContract;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.EnabledService;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The same contract suites against LocalStack, so local-aws is held to its behaviour wherever
 * Docker runs. Without a Docker daemon (as on our CI machines) the whole class is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContractTest {
  /** Pinned, so a LocalStack release cannot change the contract under us. */
  private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.0.3");

  @Container
  private static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(IMAGE)
          .withServices(EnabledService.named("events"), Service.KMS, Service.SQS, Service.STS);

  private static final LocalStackEndpoint ENDPOINT = new LocalStackEndpoint();

  @Nested
  class EventBridge extends EventBridgeContract {
    @Override
    protected ContractEndpoint endpoint() {
      return ENDPOINT;
    }
  }

  @Nested
  class Kms extends KmsContract {
    @Override
    protected ContractEndpoint endpoint() {
      return ENDPOINT;
    }
  }

  @Nested
  class SigV4 extends SigV4Contract {
    @Override
    protected ContractEndpoint endpoint() {
      return ENDPOINT;
    }
  }

  @Nested
  class Faults extends FaultContract {
    @Override
    protected ContractEndpoint endpoint() {
      return ENDPOINT;
    }
  }

  @Nested
  class Sts extends StsContract {
    @Override
    protected ContractEndpoint endpoint() {
      return ENDPOINT;
    }
  }

  /**
   * LocalStack derives the account from a 12-digit access key id, does not verify signatures and
   * cannot inject faults; rules deliver to real SQS queues, which stand in for local-aws's
   * recording targets.
   */
  private static final class LocalStackEndpoint implements ContractEndpoint {
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();

    @Override
    public URI endpoint() {
      return LOCALSTACK.getEndpoint();
    }

    @Override
    public Region region() {
      return Region.of(LOCALSTACK.getRegion());
    }

    @Override
    public AwsBasicCredentials credentials(Account account) {
      return AwsBasicCredentials.create(accountId(account), "test");
    }

    @Override
    public String accountId(Account account) {
      return account == Account.PRIMARY ? "111111111111" : "222222222222";
    }

    @Override
    public boolean verifiesSignatures() {
      return false;
    }

    @Override
    public boolean refusesCrossAccountAccess() {
      return false;
    }

    @Override
    public boolean injectsFaults() {
      return false;
    }

    @Override
    public boolean enforcesRoleTrust() {
      return false;
    }

    /** LocalStack's community STS assumes any role ARN, so there is nothing to create. */
    @Override
    public String createRole(String name, Account owner, Account trusted, String externalId) {
      return "arn:aws:iam::" + accountId(owner) + ":role/" + name;
    }

    @Override
    public String createRecordingTarget(String name) {
      try (SqsClient sqs = sqs()) {
        String queueUrl = sqs.createQueue(b -> b.queueName(name.replace('.', '-'))).queueUrl();
        return sqs.getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
      }
    }

    /**
     * Drains the queue until it has been quiet for a second; delivery through SQS is asynchronous.
     */
    @Override
    public List<String> recordedEvents(String targetArn) {
      List<String> events = received.computeIfAbsent(targetArn, arn -> new ArrayList<>());
      String queueName = targetArn.substring(targetArn.lastIndexOf(':') + 1);
      try (SqsClient sqs = sqs()) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        Instant quietUntil = Instant.now().plus(Duration.ofSeconds(2));
        while (Instant.now().isBefore(quietUntil)) {
          List<Message> messages =
              sqs.receiveMessage(
                      b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                  .messages();
          for (Message message : messages) {
            events.add(message.body());
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
          }
          if (!messages.isEmpty()) {
            quietUntil = Instant.now().plus(Duration.ofSeconds(1));
          }
        }
      }
      return List.copyOf(events);
    }

    private SqsClient sqs() {
      return SqsClient.builder()
          .endpointOverride(endpoint())
          .region(region())
          .credentialsProvider(StaticCredentialsProvider.create(credentials(Account.PRIMARY)))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }
  }
}
