package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.runtime.ConnectorComponents;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.fault.Fault;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SnapStart priming makes no call at all: every signed request to local-aws (KMS Decrypt, STS,
 * EventBridge PutEvents, SQS) would use up an injected fault, and DynamoDB is a closed port.
 */
class PrimingTest {
  private static final int TRAPS = 1_000;
  private static LocalAws localAws;
  private static LocalDynamoDb dynamoDb;

  private TestStack stack;
  private ConnectorComponents offline;

  @BeforeAll
  static void startServices() {
    localAws = LocalAws.start();
    dynamoDb = LocalDynamoDb.start();
  }

  @AfterAll
  static void stopServices() {
    dynamoDb.close();
    localAws.close();
  }

  @AfterEach
  void cleanUp() {
    localAws.faults().clear();
    if (offline != null) {
      offline.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  static Stream<Arguments> handlers() {
    return Stream.of(
        Arguments.of(
            "SettingsApiHandler",
            (Function<ConnectorComponents, Integer>)
                c ->
                    new SettingsApiHandler(c, TestStack.REGION, IamCallers.DEFAULT_ROLE_PREFIX)
                        .prime()),
        Arguments.of(
            "WebhookHandler",
            (Function<ConnectorComponents, Integer>)
                c -> new WebhookHandler(c, TestStack.REGION, Clock.systemUTC()).prime()),
        Arguments.of(
            "RetryDrainHandler",
            (Function<ConnectorComponents, Integer>)
                c -> new RetryDrainHandler(c, TestStack.REGION, Clock.systemUTC()).prime()),
        Arguments.of(
            "PollWorkerHandler",
            (Function<ConnectorComponents, Integer>)
                c -> new PollWorkerHandler(c, TestStack.REGION, Clock.systemUTC()).prime()),
        Arguments.of(
            "PollScheduleHandler",
            (Function<ConnectorComponents, Integer>)
                c ->
                    new PollScheduleHandler(
                            c,
                            // Its client is never called by priming: the trap would show it.
                            new PollQueue(
                                SqsClient.builder()
                                    .endpointOverride(localAws.endpoint())
                                    .region(TestStack.REGION)
                                    .credentialsProvider(TestStack.RUNTIME)
                                    .httpClient(UrlConnectionHttpClient.create())
                                    .build(),
                                localAws.endpoint() + "/000000000000/errorbridge-poll"),
                            TestStack.REGION,
                            System.out,
                            Clock.systemUTC())
                        .prime()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handlers")
  void prime_whenSnapshotIsTaken_makesNoAwsCallAndTouchesNoSecret(
      String name, Function<ConnectorComponents, Integer> primeHandler) {
    stack = new TestStack(localAws, dynamoDb);
    Map<String, String> environment = new HashMap<>(stack.environment());
    // Nothing listens there: a DynamoDB call during priming would fail the step.
    environment.put(RuntimeSettings.DYNAMODB_ENDPOINT, "http://127.0.0.1:9");
    offline =
        new ConnectorComponents(
            RuntimeSettings.fromEnvironment(environment), TestStack.RUNTIME, Clock.systemUTC());
    localAws.faults().inject(Fault.httpStatus("*", 500).times(TRAPS));

    int failedSteps = primeHandler.apply(offline);

    assertThat(failedSteps).isZero();
    assertThat(localAws.faults().pending())
        .singleElement()
        .satisfies(trap -> assertThat(trap.times()).isEqualTo(TRAPS));
    assertThat(localAws.stsRequests()).isEmpty();
    assertThat(stack.delivered()).isEmpty();
  }

  @Test
  void traps_whenAnyServiceIsCalled_areUsedUp() {
    stack = new TestStack(localAws, dynamoDb);
    localAws.faults().inject(Fault.httpStatus("*", 500).times(TRAPS));

    try (KmsClient kms = stack.kms()) {
      assertThatThrownBy(() -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("x"))));
    }

    // The SDK retries a 500 (3 attempts by default): each attempt used up a trap.
    assertThat(localAws.faults().pending().get(0).times()).isLessThan(TRAPS);
  }
}
