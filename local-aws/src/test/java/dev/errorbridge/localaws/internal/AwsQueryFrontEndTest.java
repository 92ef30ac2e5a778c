package dev.errorbridge.localaws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsQueryFrontEndTest {

  @Test
  void parameters_whenInQueryAndBody_decodesBothAndTheBodyWins() {
    byte[] body =
        "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fr&Note=a+b"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(AwsQueryFrontEnd.parameters("Action=GetCallerIdentity&Empty", body))
        .containsEntry("Action", "AssumeRole")
        .containsEntry("RoleArn", "arn:aws:iam::222222222222:role/r")
        .containsEntry("Note", "a b")
        .containsEntry("Empty", "");
  }

  @Test
  void parameters_whenBadlyEncoded_isMalformedQueryString() {
    byte[] body = "Action=%zz".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AwsQueryFrontEnd.parameters(null, body))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.errorType()).isEqualTo("MalformedQueryString"));
  }

  @Test
  void errorResponse_whenServerFault_isTypedReceiverAndEscaped() {
    String xml = QueryXml.errorResponse("urn:ns", 500, "InternalFailure", "a < b & \"c\"", "id-1");

    assertThat(xml)
        .contains("<Type>Receiver</Type>")
        .contains("<Code>InternalFailure</Code>")
        .contains("<Message>a &lt; b &amp; &quot;c&quot;</Message>")
        .contains("<RequestId>id-1</RequestId>");
    assertThat(QueryXml.errorResponse("urn:ns", 403, "AccessDenied", null, "id"))
        .contains("<Type>Sender</Type>");
  }
}
