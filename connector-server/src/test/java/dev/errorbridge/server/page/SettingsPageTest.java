package dev.errorbridge.server.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errorbridge.server.embedded.EmbeddedDefaults;
import dev.errorbridge.server.testing.DifyApi;
import dev.errorbridge.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The settings page in a real headless Chromium against a server on embedded defaults: the README
 * walkthrough without a terminal, and each page checked with axe-core at desktop and 360 px. The
 * tests run in order, as a person would: the first sees the empty list.
 */
@ExtendWith(ChromiumExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsPageTest {
  static final String SECRET = "whsec-settings-page-0123456789";

  @TempDir static Path data;
  static TestServers.Running server;
  static DifyApi dify;
  static Page page;

  @BeforeAll
  static void start(Chromium chromium) {
    dify = DifyApi.start();
    server = TestServers.start(data, Map.of("ERRORBRIDGE_ALLOWED_HOSTS", "127.0.0.1"));
    page = new Page(chromium.driver(), server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
    dify.close();
  }

  @AfterEach
  void pageRanCleanly() {
    assertThat(page.scriptProblems()).as("script errors and CSP violations").isEmpty();
    List<String> urls = page.requestUrls();
    assertThat(urls).as("no URL carries the token").noneMatch(u -> u.contains(server.token()));
    assertThat(urls)
        .as("the page's requests over the network stay on the server's origin")
        .filteredOn(u -> u.matches("(?i)(https?|wss?|ftp):.*"))
        .isNotEmpty()
        .allMatch(u -> u.startsWith(server.baseUri() + "/"));
    assertThat(page.driver.getCurrentUrl()).doesNotContain(server.token());
  }

  @Test
  @Order(1)
  void signIn_whenTokenWrongThenRight_explainsTheWrongOneThenShowsTheEmptyList() {
    assertThat(server.console.toString())
        .contains("Settings page: http://localhost:" + server.server.port() + "/");
    page.open("#/");
    page.visible(By.id("token"));
    page.checkpoint("sign-in");

    page.click(Page.button("Sign in"));
    assertThat(page.textContaining(By.id("token-problem"), "Paste the operator token"))
        .isNotBlank();
    page.type(By.id("token"), server.token() + "x");
    page.click(Page.button("Sign in"));
    assertThat(page.textContaining(By.id("token-problem"), "did not accept this token"))
        .contains("data/operator-token");
    assertThat(page.visible(By.id("token")).getAttribute("aria-invalid")).isEqualTo("true");
    page.checkpoint("sign-in-wrong-token");

    page.type(By.id("token"), server.token());
    page.click(Page.button("Sign in"));
    assertThat(page.textContaining(By.cssSelector(".empty"), "No connections yet"))
        .contains("Create a connection");
    assertThat(page.driver.executeScript("return document.cookie")).isEqualTo("");
    assertThat(page.driver.executeScript("return window.localStorage.length")).isEqualTo(0L);
    assertThat(
            page.driver.executeScript(
                "return window.sessionStorage.getItem('errorbridge.operatorToken')"))
        .isEqualTo(server.token());
    assertThat(page.apiRequestHeaders())
        .isNotEmpty()
        .allSatisfy(
            headers -> assertThat(headers).containsKey("Authorization").doesNotContainKey("Cookie"))
        .anySatisfy(
            headers ->
                assertThat(headers).containsEntry("Authorization", "Bearer " + server.token()));
    page.checkpoint("connections-empty");
  }

  @Test
  @Order(2)
  void create_whenAFieldIsWrong_showsTheProblemBesideItThenSavesOnceFixed() {
    page.signIn(server.token());
    page.click(By.linkText("New connection"));
    page.type(By.id("f-name"), "Runflow production");
    page.type(By.id("f-webhook-secret"), "too-short");
    page.type(By.id("f-destination-region"), "us-east-1");
    page.type(By.id("f-destination-eventBus"), "errorbridge-demo");
    page.type(By.id("f-destination-auth-accessKeyId"), TestServers.DEMO_KEY_ID);
    page.type(By.id("f-destination-auth-secretAccessKey"), TestServers.DEMO_SECRET);
    page.checkpoint("new-connection");
    page.click(Page.button("Create connection"));

    String problem = page.textContaining(By.id("f-webhook-secret-problem"), "16 to 512");
    assertThat(problem).contains("generate one");
    assertThat(page.driver.findElement(By.id("f-webhook-secret")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(page.driver.findElement(By.id("f-webhook-secret")).getAttribute("aria-describedby"))
        .contains("f-webhook-secret-problem");
    assertThat(page.textContaining(By.cssSelector(".alert[data-problems]"), "not saved"))
        .contains("16 to 512");
    page.checkpoint("new-connection-problem");

    page.type(By.id("f-webhook-secret"), SECRET);
    page.click(Page.button("Create connection"));
    page.visible(By.xpath("//h1[normalize-space()='Runflow production']"));
    assertThat(page.textContaining(By.cssSelector("p.notice"), "Created Runflow production"))
        .isNotBlank();
    JsonNode created = connectionNamed("Runflow production");
    assertThat(created.path("enabled").asBoolean()).isTrue();
    assertThat(created.path("webhook").path("secret").path("hint").asText()).endsWith("6789");
    page.checkpoint("connection");

    page.click(By.linkText("Edit settings"));
    page.visible(By.id("f-name"));
    assertThat(page.driver.findElement(By.id("f-webhook-secret")).isDisplayed()).isFalse();
    assertThat(page.textContaining(By.cssSelector(".secret-stored"), "Stored: ****6789"))
        .isNotBlank();
    page.checkpoint("edit-connection");
    // For the README: the part of the form with the write-only secrets and the destination.
    page.screenshot(
        Page.SHOTS.resolve("readme-edit.png"),
        By.xpath("//fieldset[legend='Webhook']"),
        By.xpath("//fieldset[legend='Your EventBridge bus']"));

    page.click(By.cssSelector("button[aria-label='Replace the stored callback secret']"));
    page.type(By.id("f-webhook-secret"), "whsec-rotated-secret-abcdef");
    page.click(Page.button("Save changes"));
    page.textContaining(By.cssSelector("p.notice"), "Saved Runflow production");
    JsonNode rotated = connectionNamed("Runflow production");
    assertThat(rotated.path("webhook").path("secret").path("hint").asText()).endsWith("cdef");
    assertThat(rotated.path("webhook").path("previousSecret").path("hint").asText())
        .endsWith("6789");
    assertThat(lastUpdate(rotated.path("id").asText()).path("changedFields"))
        .extracting(JsonNode::asText)
        .containsExactly("webhook.secret");
  }

  @Test
  @Order(3)
  void webhook_whenPostedToTheCopiedUrl_isCountedAndTheSwitchStopsAndRestartsIt() throws Exception {
    String id = server.createRunflowConnection("Image pipeline", SECRET);
    page.signIn(server.token());
    page.open("#/connections/" + id);
    page.driver.setPermission("clipboard-read", "granted");
    page.driver.setPermission("clipboard-write", "granted");
    page.click(By.cssSelector("button[aria-label='Copy webhook url']"));
    page.textContaining(By.cssSelector(".copy-status"), "Copied");
    String copied =
        (String)
            page.driver.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[arguments.length - 1])");
    assertThat(copied).isEqualTo(server.baseUri() + "/webhooks/" + id);
    assertThat(page.visible(By.xpath("//h2[@id='webhook-title']/..")).getText())
        .contains("Runflow-Signature header is the lower-case hex HMAC-SHA256 of the raw body");

    int alertsBefore = alerts().size();
    HttpResponse<String> accepted = postRunflow(URI.create(copied));
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(server.json(accepted).path("status").asText()).isEqualTo("accepted");
    await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() == alertsBefore + 1);
    // The page refreshes the counts by itself.
    page.textContaining(By.cssSelector("[data-count='delivered']"), "1");
    page.checkpoint("connection-delivered");

    WebElement toggle = page.visible(By.cssSelector("button[role='switch']"));
    assertThat(toggle.getAttribute("aria-checked")).isEqualTo("true");
    toggle.click();
    page.until(ExpectedConditions.attributeToBe(toggle, "aria-checked", "false"));
    assertThat(page.textContaining(By.cssSelector(".health"), "PAUSED")).isNotBlank();
    assertThat(
            server.json(server.send("GET", "/connections/" + id, null)).path("enabled").asBoolean())
        .isFalse();

    HttpResponse<String> ignored = postRunflow(URI.create(copied));
    assertThat(ignored.statusCode()).isEqualTo(202);
    assertThat(server.json(ignored).path("status").asText()).isEqualTo("ignored");
    // The demo bus delivers asynchronously: give a stray event time to show up.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> alerts().size() == alertsBefore + 1);

    // Keyboard: Space on the focused switch turns it back on.
    toggle.sendKeys(Keys.SPACE);
    page.until(ExpectedConditions.attributeToBe(toggle, "aria-checked", "true"));
    assertThat(page.textContaining(By.cssSelector(".health"), "ACTIVE")).isNotBlank();
    assertThat(
            server.json(server.send("GET", "/connections/" + id, null)).path("enabled").asBoolean())
        .isTrue();

    page.open("#/");
    WebElement listed = page.visible(Page.card(id));
    assertThat(listed.getText())
        .contains("Image pipeline")
        .contains("errorbridge-demo")
        .contains("ACTIVE");
    assertThat(listed.findElement(By.cssSelector("[data-count='delivered']")).getText())
        .isEqualTo("1");
  }

  @Test
  @Order(5)
  void toggle_whenTheServerRefuses_keepsTheServersStateAndSaysWhy() {
    String id = server.createRunflowConnection("Soon deleted", SECRET);
    page.signIn(server.token());
    page.open("#/");
    WebElement toggle =
        page.visible(By.cssSelector("button[role='switch'][data-connection='" + id + "']"));
    assertThat(server.send("DELETE", "/connections/" + id, null).statusCode()).isEqualTo(204);
    toggle.sendKeys(Keys.ENTER);
    page.textContaining(By.cssSelector(".alert"), "not found");
    assertThat(toggle.getAttribute("aria-checked")).isEqualTo("true");
  }

  @Test
  @Order(6)
  void testEvent_whenSent_showsEachStepAndTheFixOfAFailedOne() {
    String good = server.createRunflowConnection("Checkout flows", SECRET);
    page.signIn(server.token());
    page.open("#/connections/" + good);
    page.click(Page.button("Send test event"));
    page.visible(By.cssSelector("[data-test-ok='true']"));
    assertThat(stepStatuses()).containsExactly("PASSED", "PASSED", "PASSED");
    assertThat(page.driver.findElement(By.cssSelector("li[data-step='putTestEvent']")).getText())
        .contains("accepted as");
    page.checkpoint("connection-test-passed");

    String missing = createRunflow("Missing bus", "no-such-bus");
    page.open("#/connections/" + missing);
    page.click(Page.button("Send test event"));
    page.visible(By.cssSelector("[data-test-ok='false']"));
    assertThat(stepStatuses()).containsExactly("PASSED", "FAILED", "SKIPPED");
    assertThat(
            page.driver
                .findElement(By.cssSelector("li[data-step='describeEventBus'] .step-fix"))
                .getText())
        .contains("Fix:")
        .contains("does not exist");
    page.checkpoint("connection-test-failed");
  }

  @Test
  @Order(7)
  void replay_whenTheBusExistsAgain_showsProgressAndTheSummary() {
    String bus = "late-" + UUID.randomUUID().toString().substring(0, 8);
    String id = createRunflow("Late bus", bus);
    assertThat(server.runflowWebhook(id, TestServers.runflowFailed("run-dl-1"), SECRET).body())
        .contains("dead-lettered");
    page.signIn(server.token());
    page.open("#/connections/" + id);
    assertThat(page.textContaining(By.cssSelector(".letters"), "ResourceNotFoundException"))
        .contains("1 dead letter");
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(server.embeddedAws())
            .region(EmbeddedDefaults.REGION)
            .credentialsProvider(EmbeddedDefaults.credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      events.createEventBus(b -> b.name(bus));
    }

    page.click(Page.button("Replay dead letters"));
    WebElement summary = page.visible(By.cssSelector("[data-summary='replay']"));
    assertThat(summary.getText()).contains("1 delivered");
    WebElement progress = page.driver.findElement(By.cssSelector(".progress progress"));
    assertThat(progress.getAttribute("value")).isEqualTo("1");
    assertThat(progress.getAttribute("max")).isEqualTo("1");
    assertThat(page.driver.findElement(By.cssSelector(".progress-words")).getText())
        .isEqualTo("1 of 1");
    page.visible(By.cssSelector("[data-dead-letters='0']"));
    page.checkpoint("connection-replayed");
  }

  @Test
  @Order(8)
  void backfill_whenAPolledConnectionRunsIt_showsProgressAndTheSummary() {
    HttpResponse<String> created =
        server.send("POST", "/connections", dify.connection("Support bot (Dify)"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = server.json(created).path("id").asText();
    page.signIn(server.token());
    page.open("#/connections/" + id);
    assertThat(page.visible(By.xpath("//h2[@id='webhook-title']/..")).getText())
        .contains("Dify has no failure webhook");
    page.click(Page.button("Run backfill"));
    WebElement summary = page.visible(By.cssSelector("[data-summary='backfill']"));
    assertThat(summary.getText()).contains("Complete: 2 found, 2 delivered");
    assertThat(page.driver.findElement(By.cssSelector(".progress-words")).getText())
        .contains("100%");
    page.checkpoint("connection-backfilled");
  }

  @Test
  @Order(9)
  void edit_whenSomeoneElseSavedMeanwhile_explainsTheConflictAndKeepsTheEdits() {
    String id = server.createRunflowConnection("Nightly reports", SECRET);
    page.signIn(server.token());
    page.open("#/connections/" + id + "/edit");
    page.type(By.id("f-destination-eventBus"), "reports-bus");

    HttpResponse<String> current = server.send("GET", "/connections/" + id, null);
    HttpResponse<String> theirs =
        server.send(
            "PATCH",
            "/connections/" + id,
            "{\"name\": \"Nightly reports (EU)\"}",
            Map.of("If-Match", current.headers().firstValue("ETag").orElseThrow()));
    assertThat(theirs.statusCode()).isEqualTo(200);

    page.click(Page.button("Save changes"));
    assertThat(page.textContaining(By.cssSelector("[data-conflict]"), "Someone else changed"))
        .contains("nothing was overwritten")
        .contains("Event bus name or ARN");
    page.checkpoint("edit-conflict");
    page.click(Page.button("Reload the latest version, keep my edits"));
    page.textContaining(
        By.id("f-destination-eventBus-note"), "Your edit. Saved now: errorbridge-demo");
    assertThat(page.driver.findElement(By.id("f-destination-eventBus")).getAttribute("value"))
        .isEqualTo("reports-bus");
    assertThat(page.driver.findElement(By.id("f-name")).getAttribute("value"))
        .isEqualTo("Nightly reports (EU)");
    page.checkpoint("edit-conflict-reloaded");

    page.click(Page.button("Save changes"));
    page.visible(By.xpath("//h1[normalize-space()='Nightly reports (EU)']"));
    JsonNode saved = server.json(server.send("GET", "/connections/" + id, null));
    assertThat(saved.path("destination").path("eventBus").asText()).isEqualTo("reports-bus");
    // The PATCH carried the edit alone (the region, unchanged, would be recorded if it had been
    // sent).
    assertThat(lastUpdate(id).path("changedFields"))
        .extracting(JsonNode::asText)
        .containsExactly("destination.eventBus");
    assertThat(saved.path("name").asText()).isEqualTo("Nightly reports (EU)");
  }

  @Test
  @Order(4)
  void assumeRole_whenSaved_showsTheExternalIdWithTheTrustAndPermissionsPolicies() {
    page.signIn(server.token());
    page.open("#/new");
    page.type(By.id("f-name"), "Partner account");
    page.type(By.id("f-webhook-secret"), SECRET);
    page.type(By.id("f-destination-region"), "eu-west-1");
    page.type(By.id("f-destination-eventBus"), "errorbridge");
    page.click(By.cssSelector("label[for='f-destination-auth-mode-1']"));
    page.type(
        By.id("f-destination-auth-roleArn"),
        "arn:aws:iam::123456789012:role/errorbridge-publisher");
    page.click(Page.button("Create connection"));
    page.visible(By.xpath("//h1[normalize-space()='Partner account']"));
    JsonNode saved = connectionNamed("Partner account");
    String externalId = saved.path("destination").path("auth").path("externalId").asText();
    assertThat(externalId).isNotBlank();
    assertThat(page.visible(By.cssSelector("input[data-copy='external-id']")).getAttribute("value"))
        .isEqualTo(externalId);
    String policies = page.visible(By.xpath("//h2[@id='aws-title']/..")).getText();
    assertThat(policies)
        .contains("\"sts:ExternalId\": \"" + externalId + "\"")
        .contains("arn:aws:events:eu-west-1:123456789012:event-bus/errorbridge")
        .contains("events:PutEvents");
    page.checkpoint("connection-assume-role");
  }

  @Test
  @Order(10)
  void rotateAndDelete_whenConfirmed_reEncryptThenDeleteNamingTheConnection() {
    String id = server.createRunflowConnection("Old staging", SECRET);
    page.signIn(server.token());
    page.open("#/connections/" + id);
    page.click(Page.button("Re-encrypt secrets"));
    page.textContaining(
        By.xpath("//h2[@id='secrets-title']/.."), "re-encrypted under the current KMS key");

    page.click(Page.button("Delete this connection…"));
    WebElement dialog = page.visible(By.cssSelector("dialog[open]"));
    assertThat(dialog.getText()).contains("Delete \"Old staging\"?").contains(id);
    page.checkpoint("delete-confirmation");
    page.click(Page.button("Delete \"Old staging\""));
    page.textContaining(By.cssSelector("p.notice"), "Deleted \"Old staging\"");
    assertThat(server.send("GET", "/connections/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(11)
  void connectionsList_whenStatesDiffer_showsEachWithItsBadgeAndReason() {
    String paused = connectionNamed("Checkout flows").path("id").asText();
    assertThat(server.send("POST", "/connections/" + paused + "/disable", null).statusCode())
        .isEqualTo(200);
    // Its role is not one the embedded STS knows: the first delivery suspends it, with the reason.
    String refused = connectionNamed("Partner account").path("id").asText();
    server.runflowWebhook(refused, TestServers.runflowFailed(UUID.randomUUID().toString()), SECRET);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !state("Partner account").path("state").asText().equals("ACTIVE"));
    JsonNode health = state("Partner account");
    page.signIn(server.token());
    page.open("#/");
    page.until(d -> d.findElements(By.cssSelector("li.card")).size() == connections().size());
    assertThat(page.visible(Page.card(paused)).getText()).contains("PAUSED").contains("Off");
    String reason = health.path("reason").asText();
    assertThat(page.visible(Page.card(refused)).getText())
        .contains(health.path("state").asText())
        .contains("Reason: " + reason.substring(0, 60))
        .contains("(more on its page)");
    page.checkpoint("connections");
    page.windowScreenshot(Page.SHOTS.resolve("readme-list.png"));
    page.click(By.linkText("Partner account"));
    assertThat(page.textContaining(By.cssSelector(".health-reason"), reason)).isNotBlank();
  }

  /** The newest UPDATE in the connection's audit trail. */
  private static JsonNode lastUpdate(String id) {
    for (JsonNode record :
        server.json(server.send("GET", "/connections/" + id + "/audit", null)).path("records")) {
      if (record.path("action").asText().equals("UPDATE")) {
        return record;
      }
    }
    throw new AssertionError("no UPDATE in the audit trail of " + id);
  }

  private static JsonNode state(String name) {
    return connectionNamed(name).path("health");
  }

  @Test
  @Order(12)
  void platform_whenChanged_showsItsFieldsAndPlacesItsProblemsThenTheGenericWebhookWorks() {
    page.signIn(server.token());
    page.open("#/new");
    page.type(By.id("f-name"), "Billing webhooks");
    new Select(page.visible(By.id("f-source-platform"))).selectByVisibleText("Dify");
    page.type(By.id("f-source-apiKey"), "app-dify-key-0001");
    page.type(By.id("f-destination-region"), "us-east-1");
    page.type(By.id("f-destination-eventBus"), "errorbridge-demo");
    page.type(By.id("f-destination-auth-accessKeyId"), TestServers.DEMO_KEY_ID);
    page.type(By.id("f-destination-auth-secretAccessKey"), TestServers.DEMO_SECRET);
    assertThat(page.driver.findElements(By.id("f-webhook-secret"))).isEmpty();
    page.click(Page.button("Create connection"));
    // Dify's options come back as one source.options problem; the page puts it beside the option.
    assertThat(page.textContaining(By.id("f-source-options-appId-problem"), "appId is required"))
        .contains("console URL");

    new Select(page.visible(By.id("f-source-platform"))).selectByVisibleText("Generic webhook");
    assertThat(page.driver.findElements(By.id("f-source-apiKey"))).isEmpty();
    assertThat(page.driver.findElements(By.cssSelector(".alert[data-problems]"))).isEmpty();
    assertThat(page.visible(By.id("f-name")).getAttribute("value")).isEqualTo("Billing webhooks");
    assertThat(page.visible(By.id("f-destination-region")).getAttribute("value"))
        .isEqualTo("us-east-1");
    page.click(Page.button("Generate"));
    String secret = page.visible(By.id("f-webhook-secret")).getAttribute("value");
    assertThat(secret).matches("whsec_[0-9a-f]{64}");
    page.type(By.id("f-webhook-fieldMapping-workflowId"), "/run/workflow");
    page.type(By.id("f-webhook-fieldMapping-errorMessage"), "/run/error");
    page.click(Page.button("Create connection"));
    assertThat(page.textContaining(By.id("f-webhook-fieldMapping-executionId-problem"), "required"))
        .contains("JSON Pointer");
    page.checkpoint("new-generic-webhook-problem");
    page.type(By.id("f-webhook-fieldMapping-executionId"), "/run/id");
    page.click(Page.button("Create connection"));
    page.visible(By.xpath("//h1[normalize-space()='Billing webhooks']"));
    String signing = page.visible(By.xpath("//h2[@id='webhook-title']/..")).getText();
    assertThat(signing).contains("X-Errorbridge-Signature: t=").contains("5 minutes");
    String url =
        page.visible(By.cssSelector("input[data-copy='webhook-url']")).getAttribute("value");

    byte[] body =
        "{\"run\": {\"id\": \"run-7\", \"workflow\": \"invoices\", \"error\": \"card declined\"}}"
            .getBytes(StandardCharsets.UTF_8);
    String t = String.valueOf(System.currentTimeMillis() / 1000);
    byte[] signed =
        (t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> posted =
        server.exchange(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header(
                    "X-Errorbridge-Signature",
                    "t=" + t + ",v1=" + TestServers.hmacHex(secret, signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    assertThat(server.json(posted).path("status").asText()).isEqualTo("accepted");
    page.checkpoint("connection-generic-webhook");
  }

  @Test
  @Order(13)
  void health_whenTheServerSendsParkedAndFix_showsThemAndWithoutThemLeavesThemOut() {
    page.signIn(server.token());
    // The page's own module, imported by the page's origin (its CSP allows that), on two answers.
    @SuppressWarnings("unchecked")
    List<String> rendered =
        (List<String>)
            page.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/page/health.js').then(m => {"
                    + "  const show = (health) => {"
                    + "    const div = document.createElement('div');"
                    + "    m.renderHealth(div, health);"
                    + "    return div.textContent; };"
                    + "  done([show({state: 'ERROR', reason: 'AccessDenied on PutEvents',"
                    + "    fix: 'allow events:PutEvents on the bus', since: '2026-02-03T09:05:12Z',"
                    + "    consecutiveFailures: 3, lastDeliveryAt: null, delivered: 7, deadLettered: 2,"
                    + "    parked: 4}),"
                    + "  show({state: 'ACTIVE', reason: null, since: '2026-02-03T09:05:12Z',"
                    + "    consecutiveFailures: 0, lastDeliveryAt: null, delivered: 1, deadLettered: 0})]);"
                    + "}, e => done([String(e)]));");
    assertThat(rendered.get(0))
        .contains("ERROR")
        .contains("Reason: AccessDenied on PutEvents")
        .contains("Fix: allow events:PutEvents on the bus")
        .contains("Awaiting retry4")
        .contains("Dead-lettered2");
    assertThat(rendered.get(1))
        .contains("ACTIVE")
        .doesNotContain("Fix:")
        .doesNotContain("Awaiting retry");
  }

  @Test
  @Order(14)
  void keyboard_whenTabbing_showsWhereTheFocusIs() {
    page.signIn(server.token());
    page.open("#/");
    page.visible(By.cssSelector("li.card"));
    for (int i = 0; i < 6; i++) {
      page.driver.switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = page.driver.switchTo().activeElement();
      assertThat(focused.getCssValue("outline-style")).as(focused.getText()).isEqualTo("solid");
      assertThat(focused.getCssValue("outline-width")).as(focused.getText()).isEqualTo("3px");
    }
  }

  @Test
  @Order(15)
  void webhookSetup_whenAlloy_explainsTheTokenInTheUrlOrTheHeader() {
    String body =
        TestServers.runflowConnection("Alloy errors", SECRET).replace("\"runflow\"", "\"alloy\"");
    HttpResponse<String> created = server.send("POST", "/connections", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = server.json(created).path("id").asText();
    page.signIn(server.token());
    page.open("#/connections/" + id);
    String setup = page.visible(By.xpath("//h2[@id='webhook-title']/..")).getText();
    assertThat(setup).contains("Settings → Logging").contains("X-Errorbridge-Token: <token>");
    assertThat(page.driver.findElements(By.cssSelector("input.copy-value")))
        .extracting(e -> e.getAttribute("value"))
        .contains(server.baseUri() + "/webhooks/" + id + "?token=<token>");
    page.checkpoint("connection-alloy");
  }

  @Test
  @Order(16)
  void pageFiles_whenServed_eachCarryTheStrictContentSecurityPolicy() throws Exception {
    List<String> paths = new ArrayList<>(List.of("/"));
    try (Stream<Path> files = Files.list(PageFiles.FOLDER)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(name -> !name.equals("index.html"))
          .sorted()
          .forEach(name -> paths.add("/page/" + name));
    }
    assertThat(paths).contains("/page/app.js", "/page/app.css", "/page/api.js");
    for (String path : paths) {
      HttpResponse<String> response =
          server.exchange(HttpRequest.newBuilder(server.uri(path)).GET().build());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                  + " connect-src 'self'; base-uri 'none'; form-action 'none';"
                  + " frame-ancestors 'none'");
      assertThat(response.headers().firstValue("X-Content-Type-Options"))
          .as(path)
          .hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
    }
    assertThat(
            server
                .exchange(HttpRequest.newBuilder(server.uri("/page/app.js")).GET().build())
                .headers()
                .firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
  }

  @Test
  @Order(17)
  void pageFile_whenTheNameIsUnknownOrLeavesTheFolder_answers404() {
    for (String path :
        List.of(
            "/page/nothing.js",
            "/page/..%2Fapplication.yaml",
            "/page/%2e%2e",
            "/page/index.html")) {
      HttpResponse<String> response =
          server.exchange(HttpRequest.newBuilder(server.uri(path)).GET().build());
      assertThat(response.statusCode()).as(path).isEqualTo(404);
    }
  }

  private static String createRunflow(String name, String bus) {
    HttpResponse<String> created =
        server.send(
            "POST",
            "/connections",
            TestServers.runflowConnection(name, SECRET).replace("errorbridge-demo", bus));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return server.json(created).path("id").asText();
  }

  private static List<String> stepStatuses() {
    return page.driver.findElements(By.cssSelector("li[data-step]")).stream()
        .map(e -> e.getAttribute("data-status"))
        .toList();
  }

  private static JsonNode connections() {
    return server.json(server.send("GET", "/connections?limit=100", null)).path("connections");
  }

  private static JsonNode connectionNamed(String name) {
    for (JsonNode c : connections()) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no connection named " + name);
  }

  private static JsonNode alerts() {
    return server.json(server.send("GET", "/alerts", null)).path("alerts");
  }

  private static HttpResponse<String> postRunflow(URI url) {
    byte[] body =
        TestServers.runflowFailed(UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8);
    return server.exchange(
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .header("Runflow-Signature", TestServers.hmacHex(SECRET, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }
}
