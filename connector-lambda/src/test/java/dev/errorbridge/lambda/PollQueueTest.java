package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.fault.Fault;
import dev.errorbridge.localaws.sqs.SqsMessage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The poll queue against local-aws's SQS through the real SDK. */
class PollQueueTest {
  private final LocalAws aws = LocalAws.start();
  private final SqsClient sqs =
      SqsClient.builder()
          .endpointOverride(aws.endpoint())
          .region(TestStack.REGION)
          .credentialsProvider(TestStack.RUNTIME)
          .httpClient(UrlConnectionHttpClient.create())
          .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
          .build();
  private final String url = sqs.createQueue(r -> r.queueName("errorbridge-poll")).queueUrl();

  @AfterEach
  void stop() {
    sqs.close();
    aws.close();
  }

  @Test
  void enqueue_when23Connections_sendsThreeBatchesOfOneMessageEach() {
    List<String> ids = IntStream.range(0, 23).mapToObj(i -> "cn_" + i).toList();

    PollQueue.Report report = new PollQueue(sqs, url).enqueue(ids);

    assertThat(report.enqueued()).isEqualTo(23);
    assertThat(report.failed()).isEmpty();
    assertThat(aws.sqs().messages(url))
        .extracting(SqsMessage::body)
        .containsExactlyElementsOf(ids.stream().map(PollQueue::body).toList());
  }

  @Test
  void enqueue_whenOneBatchFailsTwice_reportsOnlyItsConnectionsAndSendsTheRest() {
    List<String> ids = IntStream.range(0, 15).mapToObj(i -> "cn_" + i).toList();
    aws.faults().inject(Fault.httpStatus("SendMessageBatch", 500).times(2));

    PollQueue.Report report = new PollQueue(sqs, url).enqueue(ids);

    assertThat(report.failed()).containsExactlyElementsOf(ids.subList(0, 10));
    assertThat(report.enqueued()).isEqualTo(5);
    assertThat(aws.sqs().messages(url)).hasSize(5);
  }

  @Test
  void enqueue_whenFirstAttemptFails_sendsTheBatchAgain() {
    aws.faults().inject(Fault.httpStatus("SendMessageBatch", 500).times(1));

    PollQueue.Report report = new PollQueue(sqs, url).enqueue(List.of("cn_a", "cn_b"));

    assertThat(report.enqueued()).isEqualTo(2);
    assertThat(aws.sqs().messages(url)).hasSize(2);
  }

  @Test
  void connectionId_whenBodyIsOursOrNot_readsTheIdOrNothing() {
    assertThat(PollQueue.connectionId(PollQueue.body("cn_1"))).hasValue("cn_1");
    assertThat(PollQueue.connectionId("not json")).isEmpty();
    assertThat(PollQueue.connectionId("{\"other\":1}")).isEmpty();
    assertThat(PollQueue.connectionId(null)).isEmpty();
  }
}
