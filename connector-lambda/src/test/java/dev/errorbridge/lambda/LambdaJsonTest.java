package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.errorbridge.connector.inbound.JsonFieldReader;
import dev.errorbridge.connector.inbound.StrictJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our own event reading agrees with the Lambda Java runtime's serializer on every HTTP and SQS
 * fixture, including those written from AWS's documented formats under {@code events/aws-samples/}.
 */
class LambdaJsonTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "webhook-function-url-runflow.json",
        "webhook-http-api-runflow-base64.json",
        "settings-create-acme.json",
        "settings-get-globex.json",
        "settings-list-iam-user.json",
        "aws-samples/apigw-http-api-v2-iam-list-connections.json",
        "aws-samples/apigw-http-api-v2-runflow-completed.json",
        "aws-samples/function-url-iam-user.json",
        "aws-samples/function-url-runflow-failed.json"
      })
  void read_whenHttpEventFixture_equalsWhatTheLambdaRuntimeReads(String fixture) {
    byte[] json = Fixtures.text("events/" + fixture).getBytes(StandardCharsets.UTF_8);

    HttpEventReader.Read read = HttpEventReader.read(json);

    assertThat(read).isInstanceOf(HttpEventReader.Read.Event.class);
    APIGatewayV2HTTPEvent ours = ((HttpEventReader.Read.Event) read).event();
    APIGatewayV2HTTPEvent runtime = Fixtures.event(fixture, APIGatewayV2HTTPEvent.class);
    // JWT and Lambda authorisers' contexts are not read: no route uses them.
    APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
        runtime.getRequestContext().getAuthorizer();
    if (authorizer != null) {
      authorizer.setJwt(null);
      authorizer.setLambda(null);
      if (authorizer.getIam() == null) {
        runtime.getRequestContext().setAuthorizer(null);
      }
    }
    assertThat(ours).isEqualTo(runtime);
    assertThat(ours.getRequestContext().getHttp().getMethod()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sqs-poll-batch.json",
        "aws-samples/sqs-batch-foreign-body.json",
        "aws-samples/sqs-batch-poll-message.json"
      })
  void sqsEvent_whenFixture_readsTheMessagesAsTheLambdaRuntimeDoes(String fixture) {
    String text = Fixtures.text("events/" + fixture);
    JsonFieldReader fields = new JsonFieldReader();

    SQSEvent ours =
        LambdaJson.sqsEvent(
            StrictJson.standard().readObject(text.getBytes(StandardCharsets.UTF_8)), fields);

    assertThat(fields.problems()).isEmpty();
    SQSEvent runtime = Fixtures.event(fixture, SQSEvent.class);
    assertThat(ours.getRecords())
        .usingRecursiveFieldByFieldElementComparatorOnFields(
            "messageId",
            "receiptHandle",
            "body",
            "md5OfBody",
            "eventSource",
            "eventSourceArn",
            "awsRegion",
            "attributes")
        .isEqualTo(runtime.getRecords());
  }
}
