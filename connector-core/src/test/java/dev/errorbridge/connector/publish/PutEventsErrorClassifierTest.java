package dev.errorbridge.connector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

class DefaultPutEventsErrorClassifierTest {
  private final PutEventsErrorClassifier classifier = new PutEventsErrorClassifier();

  @ParameterizedTest
  @CsvSource({
    "ResourceNotFoundException, true",
    "AccessDeniedException, true",
    "NotAuthorizedForSourceException, true",
    "NotAuthorizedForDetailTypeException, true",
    "InvalidAccountIdException, true",
    "MalformedDetail, false",
    "InvalidArgument, false",
    "ThrottlingException, false"
  })
  void isDestinationWide_whenCodeGiven_saysWhetherItSpeaksOfTheBusOrTheCaller(
      String code, boolean expected) {
    assertThat(classifier.isDestinationWide(code)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "ThrottlingException, RETRY",
    "InternalFailure, RETRY",
    "AccessDeniedException, REPORT",
    "MalformedDetail, REPORT",
    "InvalidArgument, REPORT",
    "NotAuthorizedForSourceException, REPORT",
    "ResourceNotFoundException, REPORT"
  })
  void classifyEntry_whenCodeGiven_followsEventBridgesDocumentedCodes(
      String code, ErrorClass expected) {
    assertThat(classifier.classifyEntry(code)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "400, ThrottlingException, RETRY",
    "500, InternalException, RETRY",
    "503, ServiceUnavailableException, RETRY",
    "400, UnrecognizedClientException, FATAL",
    "400, InvalidSignatureException, FATAL",
    "400, AccessDeniedException, FATAL",
    "400, ResourceNotFoundException, FATAL",
    "400, ValidationException, REPORT",
    "413, RequestEntityTooLargeException, REPORT"
  })
  void classifyRequest_whenServiceError_usesStatusAndCode(
      int status, String code, ErrorClass expected) {
    EventBridgeException error =
        (EventBridgeException)
            EventBridgeException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();

    assertThat(classifier.classifyRequest(error)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void classifyRequest_whenConnectionFailed_retries() {
    assertThat(
            classifier.classifyRequest(
                SdkClientException.create("reset", new IOException("reset"))))
        .isEqualTo(ErrorClass.RETRY);
  }
}
