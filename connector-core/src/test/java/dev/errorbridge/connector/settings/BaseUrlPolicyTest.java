package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.testing.FakeDns;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlPolicyTest {
  private final BaseUrlPolicy strict = BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of());

  @Test
  void check_whenPublicHttpsHost_passes() {
    assertThat(strict.check("https://api.dify.ai/v1")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/v1",
        "https://localhost.invalid.example/v1",
        "https://[::1]/v1",
        "https://10.0.0.5/",
        "https://172.16.4.4/",
        "https://192.168.1.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://internal.example.com/v1",
        "https://rebind.example.com/v1",
        "https://v6private.example.com/v1",
        "https://mapped.example.com/v1",
        "https://cgnat.example.com/v1",
        "https://0.0.0.0/",
        "https://[fe80::1]/"
      })
  void check_whenHostIsNotPublic_refusesWithTheFix(String url) {
    assertThat(strict.check(url))
        .hasValueSatisfying(p -> assertThat(p).containsAnyOf("resolves to", "does not resolve"));
  }

  @Test
  void check_whenMetadataAddress_namesTheMetadataService() {
    assertThat(strict.check("https://rebind.example.com/"))
        .hasValueSatisfying(p -> assertThat(p).contains("metadata", "allow-list"));
  }

  @Test
  void check_whenHttp_requiresHttps() {
    assertThat(strict.check("http://api.dify.ai/v1"))
        .hasValueSatisfying(p -> assertThat(p).contains("https"));
  }

  @Test
  void check_whenUrlCarriesCredentials_refuses() {
    assertThat(strict.check("https://user:pass@api.dify.ai/v1"))
        .hasValueSatisfying(p -> assertThat(p).contains("source.apiKey").doesNotContain("pass@"));
  }

  @Test
  void check_whenNotAUrl_refuses() {
    assertThat(strict.check("api dify ai")).isPresent();
    assertThat(strict.check("/v1/relative")).isPresent();
  }

  @Test
  void check_whenNetworkAllowListed_passesPrivateAddress() {
    BaseUrlPolicy policy = BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of(), List.of("10.20.0.0/16"));

    assertThat(policy.check("https://dify.corp.example/v1")).isEmpty();
    assertThat(policy.check("https://internal.example.com/v1")).isPresent();
  }

  @Test
  void check_whenHostAllowListed_passesLoopbackOverHttp() {
    BaseUrlPolicy policy = BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of("127.0.0.1"), List.of());

    assertThat(policy.check("http://127.0.0.1:8089/v1")).isEmpty();
  }

  @Test
  void checkHost_whenAHostNowResolvesToTheMetadataService_refusesAndNamesTheAddress() {
    assertThat(strict.checkHost("rebind.example.com"))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith("host rebind.example.com now resolves to")
                    .contains("169.254.169.254")
                    .contains("allow-list"));
  }

  @Test
  void checkHost_whenPublic_passes() {
    assertThat(strict.checkHost("api.dify.ai")).isEmpty();
  }

  @Test
  void checkHost_whenAllowListedByHostOrNetwork_passes() {
    BaseUrlPolicy allowing =
        BaseUrlPolicy.of(FakeDns.RESOLVER, Set.of("Internal.Example.com"), List.of("10.20.0.0/16"));

    assertThat(allowing.checkHost("internal.example.com")).isEmpty();
    assertThat(allowing.checkHost("dify.corp.example")).isEmpty();
    assertThat(allowing.checkHost("rebind.example.com")).isPresent();
  }

  @Test
  void checkHost_whenTheHostDoesNotResolve_leavesTheErrorToTheClient() {
    assertThat(strict.checkHost("nowhere.example")).isEmpty();
  }
}
