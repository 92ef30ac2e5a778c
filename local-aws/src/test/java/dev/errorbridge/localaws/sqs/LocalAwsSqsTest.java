package dev.errorbridge.localaws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.fault.Fault;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/** local-aws's producer-side SQS through the real SDK client (AWS JSON 1.0, SigV4 verified). */
class LocalAwsSqsTest {
  private final LocalAws aws = LocalAws.start();
  private final SqsClient sqs = client("test", "test");

  @AfterEach
  void stop() {
    sqs.close();
    aws.close();
  }

  @Test
  void sendMessageBatch_whenValid_recordsEveryMessageInOrderWithChecksummedIds() {
    String url = sqs.createQueue(r -> r.queueName("poll-work")).queueUrl();

    SendMessageBatchResponse response =
        sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries(3)));

    assertThat(url).isEqualTo(aws.endpoint() + "/000000000000/poll-work");
    assertThat(response.successful()).extracting(e -> e.id()).containsExactly("m0", "m1", "m2");
    assertThat(response.failed()).isEmpty();
    assertThat(aws.sqs().messages(url))
        .extracting(SqsMessage::body)
        .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
    assertThat(aws.sqs().messages(url).get(0).messageId())
        .isEqualTo(response.successful().get(0).messageId());
  }

  @Test
  void sendMessage_whenValid_recordsItWithItsDelay() {
    String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();

    sqs.sendMessage(r -> r.queueUrl(url).messageBody("hello").delaySeconds(5));

    assertThat(aws.sqs().messages(url))
        .singleElement()
        .satisfies(m -> assertThat(m.delaySeconds()).isEqualTo(5))
        .satisfies(m -> assertThat(m.accountId()).isEqualTo("000000000000"));
  }

  @Test
  void getQueueUrl_whenQueueExists_answersItsUrl_otherwiseQueueDoesNotExist() {
    String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();

    assertThat(sqs.getQueueUrl(r -> r.queueName("q")).queueUrl()).isEqualTo(url);
    assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("missing")))
        .isInstanceOf(QueueDoesNotExistException.class);
  }

  @Test
  void sendMessageBatch_whenBatchInvalid_refusesItWholeAsSqsDoes() {
    String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();
    SendMessageBatchRequestEntry same =
        SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build();

    assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries(11))))
        .isInstanceOf(TooManyEntriesInBatchRequestException.class);
    assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(List.of())))
        .isInstanceOf(EmptyBatchRequestException.class);
    assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(same, same)))
        .isInstanceOf(BatchEntryIdsNotDistinctException.class);
    assertThatThrownBy(
            () ->
                sqs.sendMessageBatch(
                    r ->
                        r.queueUrl(url).entries(e -> e.id("big").messageBody("x".repeat(262_145)))))
        .isInstanceOf(BatchRequestTooLongException.class);
    assertThat(aws.sqs().messages(url)).isEmpty();
  }

  @Test
  void sendMessageBatch_whenQueueOfAnotherAccount_answersQueueDoesNotExist() {
    String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();
    aws.registerCredentials(new AccountCredentials("other", "other-secret", "222222222222"));

    try (SqsClient other = client("other", "other-secret")) {
      assertThatThrownBy(() -> other.sendMessageBatch(r -> r.queueUrl(url).entries(entries(1))))
          .isInstanceOf(QueueDoesNotExistException.class);
    }
  }

  @Test
  void sendMessageBatch_whenSignatureWrong_isRefused() {
    String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();

    try (SqsClient forged = client("test", "not-the-secret")) {
      assertThatThrownBy(() -> forged.sendMessageBatch(r -> r.queueUrl(url).entries(entries(1))))
          .isInstanceOf(SqsException.class)
          .hasMessageContaining("signature");
    }
    assertThat(aws.sqs().messages(url)).isEmpty();
  }

  @Test
  void sendMessageBatch_whenFaultInjected_failsWithThatFault() {
    String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();
    aws.faults().inject(Fault.httpStatus("SendMessageBatch", 500).times(1));

    assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries(1))))
        .isInstanceOf(SqsException.class)
        .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(500));
    assertThat(aws.faults().pending()).isEmpty();
  }

  private static List<SendMessageBatchRequestEntry> entries(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                SendMessageBatchRequestEntry.builder()
                    .id("m" + i)
                    .messageBody("{\"n\":" + i + "}")
                    .build())
        .toList();
  }

  private SqsClient client(String key, String secret) {
    return SqsClient.builder()
        .endpointOverride(aws.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }
}
