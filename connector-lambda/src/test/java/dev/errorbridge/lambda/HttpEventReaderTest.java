package dev.errorbridge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.inbound.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the HTTP handlers refuse before they look at an event, each refusal naming its cause. */
class HttpEventReaderTest {
  private static HttpEventReader.Refusal refusal(String input) {
    return refusal(input.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpEventReader.Refusal refusal(byte[] input) {
    HttpEventReader.Read read = HttpEventReader.read(input);
    assertThat(read).isInstanceOf(HttpEventReader.Read.Refused.class);
    return ((HttpEventReader.Read.Refused) read).refusal();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws-samples/apigw-rest-api-payload-1.0.json",
        "aws-samples/apigw-rest-api-proxy-no-version.json",
        "aws-samples/apigw-rest-api-proxy-go.json"
      })
  void read_whenAwsPayload10Sample_refusesItByName(String fixture) {
    HttpEventReader.Refusal refusal = refusal(Fixtures.text("events/" + fixture));

    assertThat(refusal.error()).isEqualTo("UnsupportedPayloadFormat");
    assertThat(refusal.message())
        .isEqualTo(
            "payload format 1.0 is not supported; use an HTTP API with payload 2.0 or a Function"
                + " URL");
    assertThat(refusal.problems())
        .containsExactly(new FieldProblem("version", HttpEventReader.PAYLOAD_1_0));
  }

  @Test
  void read_whenAnotherVersion_namesItOnlyWhenItLooksLikeOne() {
    assertThat(refusal("{\"version\":\"3.0\"}").message())
        .isEqualTo(
            "payload format 3.0 is not supported; use an HTTP API with payload 2.0 or a Function"
                + " URL");
    assertThat(refusal("{\"version\":\"<script>alert(1)</script>\"}").message())
        .startsWith("this payload format is not supported")
        .doesNotContain("script");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|event|must not be empty",
        "not json|event|is not valid JSON (line 1, column 4)",
        "[]|event|must be a JSON object",
        "[{\"version\":\"2.0\"}]|event|must be a JSON object",
        "\"2.0\"|event|must be a JSON object",
        "42|event|must be a JSON object",
        "null|event|must be a JSON object",
        "{}|version|is required: \"2.0\"",
        "{\"version\":2.0}|version|must be the string \"2.0\", not a number",
        "{\"version\":[\"2.0\"]}|version|must be the string \"2.0\", not an array",
        "{\"version\":\"2.0\"} {}|event|there is more after the value",
        "{\"version\":\"2.0\",\"version\":\"2.0\"}|version|appears twice",
        "{\"version\":\"2.0\",\"headers\":\"content-type: application/json\"}|headers|must be an object of strings, not a string",
        "{\"version\":\"2.0\",\"headers\":{\"x-a\":1}}|headers.x-a|must be a string, not a number",
        "{\"version\":\"2.0\",\"rawPath\":[\"/connections\"]}|rawPath|must be a string, not an array",
        "{\"version\":\"2.0\",\"body\":{\"a\":1}}|body|must be a string, not an object",
        "{\"version\":\"2.0\",\"isBase64Encoded\":\"true\"}|isBase64Encoded|must be true or false, not a string",
        "{\"version\":\"2.0\",\"cookies\":\"a=b\"}|cookies|must be an array of strings, not a string",
        "{\"version\":\"2.0\",\"requestContext\":[]}|requestContext|must be an object {…}, not an array",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":7}}}|requestContext.http.method|must be a string, not a number",
        "{\"version\":\"2.0\",\"requestContext\":{\"timeEpoch\":\"1583348638390\"}}|requestContext.timeEpoch|must be an integer, not a string",
        "{\"version\":\"2.0\",\"requestContext\":{\"authorizer\":{\"iam\":{\"userArn\":{}}}}}|requestContext.authorizer.iam.userArn|must be a string, not an object"
      })
  void read_whenNotAPayload20Event_namesTheMemberAndTheFix(
      String input, String field, String problem) {
    HttpEventReader.Refusal refusal = refusal(input);

    assertThat(refusal.error()).isEqualTo("InvalidEvent");
    assertThat(refusal.problems())
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.message()).contains(problem);
            });
    assertThat(refusal.message())
        .startsWith("not an API Gateway HTTP API (payload 2.0) or Function URL event: ");
  }

  @Test
  void read_whenSeveralMembersHaveTheWrongType_namesEachOfThem() {
    HttpEventReader.Refusal refusal =
        refusal(
            "{\"version\":\"2.0\",\"rawPath\":1,\"body\":true,"
                + "\"requestContext\":{\"stage\":[],\"http\":{\"path\":null,\"method\":false}}}");

    assertThat(refusal.problems())
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder(
            "rawPath", "body", "requestContext.stage", "requestContext.http.method");
  }

  @Test
  void read_whenNotUtf8OrTooDeep_refusesWithoutReadingOn() {
    assertThat(refusal(new byte[] {(byte) 0xff, (byte) 0xfe, '{', 0, '}', 0}).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("UTF-16"));
    assertThat(
            refusal("{\"version\":\"2.0\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}")
                .problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("nests deeper"));
  }

  @Test
  void read_whenAPayload20EventHasUnknownMembersAndNulls_readsIt() {
    HttpEventReader.Read read =
        HttpEventReader.read(
            ("{\"version\":\"2.0\",\"rawPath\":\"/webhooks/cn_1\",\"body\":null,"
                    + "\"somethingNew\":{\"x\":[1]},\"requestContext\":{\"authentication\":null,"
                    + "\"authorizer\":{\"jwt\":{\"claims\":{\"n\":1}}},\"http\":{\"method\":\"POST\"}}}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(read).isInstanceOf(HttpEventReader.Read.Event.class);
    assertThat(((HttpEventReader.Read.Event) read).event().getRawPath())
        .isEqualTo("/webhooks/cn_1");
  }

  @Test
  void refusalLines_areFieldThenMessage() {
    assertThat(refusal("{}").lines())
        .isEqualTo(
            List.of(
                "version: is required: \"2.0\", as API Gateway HTTP APIs (payload 2.0) and Function"
                    + " URLs send it"));
  }
}
