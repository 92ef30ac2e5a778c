package dev.errorbridge.localaws.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Every request's SigV4 signature is checked against the key's registered secret. */
public abstract class SigV4Contract {
  private static final String LIST_BUSES = "AWSEvents.ListEventBuses";

  protected abstract ContractEndpoint endpoint();

  @BeforeEach
  void requireVerification() {
    assumeTrue(endpoint().verifiesSignatures(), "this endpoint does not verify signatures");
  }

  @Test
  void request_whenSignedByRegisteredKey_succeeds() throws Exception {
    HttpResponse<String> response =
        signedAt(Instant.now(), endpoint().credentials(Account.PRIMARY)).send();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("EventBuses");
  }

  @Test
  void request_whenKeyUnknown_throwsUnrecognizedClient() {
    EventBridgeClient stranger =
        clientWith(AwsBasicCredentials.create("nobody-key", "nobody-secret"));

    assertThatThrownBy(() -> stranger.listEventBuses(b -> {}))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException"));
  }

  @Test
  void request_whenSecretWrong_throwsInvalidSignature() {
    String keyId = endpoint().credentials(Account.PRIMARY).accessKeyId();
    EventBridgeClient impostor = clientWith(AwsBasicCredentials.create(keyId, "not-the-secret"));

    assertThatThrownBy(() -> impostor.listEventBuses(b -> {}))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
  }

  @Test
  void request_whenBodyTamperedAfterSigning_isRejected() throws Exception {
    HttpResponse<String> response =
        signedAt(Instant.now(), endpoint().credentials(Account.PRIMARY))
            .send("{\"NamePrefix\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("InvalidSignatureException");
  }

  @Test
  void request_whenSignedTwentyMinutesAgo_isRejectedAsExpired() throws Exception {
    HttpResponse<String> response =
        signedAt(
                Instant.now().minus(Duration.ofMinutes(20)),
                endpoint().credentials(Account.PRIMARY))
            .send();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Signature expired");
  }

  @Test
  void request_whenScopedToAnotherService_isRejected() throws Exception {
    HttpResponse<String> response =
        SignedRawRequest.sign(
                endpoint().endpoint(),
                endpoint().region().id(),
                "kms",
                LIST_BUSES,
                "{}",
                endpoint().credentials(Account.PRIMARY),
                Instant.now())
            .send();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("InvalidSignatureException").contains("'events'");
  }

  private SignedRawRequest.Signed signedAt(Instant when, AwsBasicCredentials credentials)
      throws Exception {
    return SignedRawRequest.sign(
        endpoint().endpoint(),
        endpoint().region().id(),
        "events",
        LIST_BUSES,
        "{}",
        credentials,
        when);
  }

  private EventBridgeClient clientWith(AwsBasicCredentials credentials) {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint().endpoint())
        .region(endpoint().region())
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }
}
