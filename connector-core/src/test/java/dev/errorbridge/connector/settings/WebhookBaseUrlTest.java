package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookBaseUrlTest {
  private static final String NAME = "ERRORBRIDGE_WEBHOOK_BASE_URL";

  @ParameterizedTest
  @CsvSource({
    "https://hooks.example.com/, https://hooks.example.com/webhooks/cn_1",
    "https://hooks.example.com, https://hooks.example.com/webhooks/cn_1",
    "https://abc123.execute-api.eu-west-1.amazonaws.com/prod,"
        + " https://abc123.execute-api.eu-west-1.amazonaws.com/prod/webhooks/cn_1",
    "https://example.com:8443/errorbridge/, https://example.com:8443/errorbridge/webhooks/cn_1",
    "http://127.0.0.1:8080, http://127.0.0.1:8080/webhooks/cn_1",
    "http://localhost:8080/, http://localhost:8080/webhooks/cn_1",
    "http://errorbridge.localhost/, http://errorbridge.localhost/webhooks/cn_1",
    "http://[::1]:9000/, http://[::1]:9000/webhooks/cn_1",
    "' https://hooks.example.com/ ', https://hooks.example.com/webhooks/cn_1"
  })
  void read_whenValid_appendsWebhooksAndTheIdToItsPath(String value, String expected) {
    List<String> problems = new ArrayList<>();

    WebhookBaseUrl base = WebhookBaseUrl.read(NAME, value, problems);

    assertThat(problems).isEmpty();
    assertThat(base.forConnection("cn_1")).isEqualTo(URI.create(expected));
    assertThat(base.uri().toString()).endsWith("/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void read_whenUnset_isNullWithoutProblems(String value) {
    List<String> problems = new ArrayList<>();

    assertThat(WebhookBaseUrl.read(NAME, value, problems)).isNull();
    assertThat(WebhookBaseUrl.read(NAME, null, problems)).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void read_whenEverythingIsWrong_namesEveryProblemWithTheSetting() {
    List<String> problems = new ArrayList<>();

    WebhookBaseUrl base =
        WebhookBaseUrl.read(NAME, "http://user:pw@hooks.example.com/?token=1#top", problems);

    assertThat(base).isNull();
    assertThat(problems)
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).startsWith(NAME + " must"))
        .anySatisfy(p -> assertThat(p).contains("https").contains("loopback"))
        .anySatisfy(p -> assertThat(p).contains("user info"))
        .anySatisfy(p -> assertThat(p).contains("query"))
        .anySatisfy(p -> assertThat(p).contains("fragment"));
    // The refused value is not echoed: it may carry a password.
    assertThat(String.join(" ", problems)).doesNotContain("pw");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hooks.example.com/|absolute URL",
        "/webhooks/|absolute URL",
        "https://exa mple.com/|absolute URL",
        "mailto:ops@example.com|absolute URL",
        "ftp://hooks.example.com/|https URL",
        "https:///prod/|name a host",
        "http://10.0.0.7:8080/|must use https",
        "http://hooks.example.com/|must use https",
        "http://127.0.0.1.nip.io/|must use https",
        "http://0177.0.0.1/|must use https"
      })
  void read_whenNotAnAbsoluteSafeUrl_saysWhatItMustBe(String value, String problem) {
    List<String> problems = new ArrayList<>();

    assertThat(WebhookBaseUrl.read(NAME, value, problems)).isNull();
    assertThat(problems).singleElement().asString().startsWith(NAME).contains(problem);
  }

  @Test
  void constructor_whenInvalid_refusesNamingTheProblem() {
    assertThatThrownBy(() -> new WebhookBaseUrl(URI.create("http://hooks.example.com/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> new WebhookBaseUrl(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
