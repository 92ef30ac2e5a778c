package dev.errorbridge.connector.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.errorbridge.connector.source.SourceTestKit.KEY;
import static dev.errorbridge.connector.source.SourceTestKit.NOW;
import static dev.errorbridge.connector.source.SourceTestKit.TENANT;
import static dev.errorbridge.connector.source.SourceTestKit.farDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.FailedExecution;
import dev.errorbridge.connector.FailedExecution.FailedStep;
import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper;
import dev.errorbridge.connector.mapping.EventIds;
import dev.errorbridge.connector.mapping.MappedEvent;
import dev.errorbridge.connector.mapping.MappingOptions;
import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.PlatformOptions;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.RecordingListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceAuthException;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceRateLimitedException;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.source.SourceUnavailableException;
import dev.errorbridge.connector.testing.MutableClock;
import dev.errorbridge.connector.testing.TestConnections;
import dev.errorbridge.connector.webhook.InMemoryReplayGuard;
import dev.errorbridge.connector.webhook.spi.WebhookBody;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import dev.errorbridge.connector.webhook.spi.WebhookVerification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every platform must do, whatever its API looks like: the shared contract of a {@link
 * PlatformPlugin}. A platform runs it by extending this class in its test package and serving its
 * API's documented shapes (fixtures under {@code src/test/resources/sources/<id>/}) from the
 * WireMock {@link #server}; see {@code docs/adding-a-platform.md}.
 *
 * <p>The cases: the plug-in is registered and its options are its own; paging reaches every
 * failure; a late finisher (pending in a scan) is found failed on recheck, or still running; 429
 * with {@code Retry-After} pauses for that long; 401, 5xx and malformed bodies become the
 * exceptions the engine acts on; unicode and huge error messages arrive whole (and the mapped event
 * still fits EventBridge); the API key appears in no log line, exception, failure or URL; and, for
 * platforms that both poll and push, the poll and the webhook of one run share its {@code eventId}.
 */
public abstract class PlatformContractTest {

  @RegisterExtension protected static final WireMockExtension server = SourceTestKit.wireMock();

  protected final MutableClock clock = new MutableClock(NOW);

  // ---- what each platform supplies ----------------------------------------------------------

  /** The plug-in under test. */
  protected abstract PlatformPlugin plugin();

  /** The API's path under the server's origin, e.g. {@code /v1}, or empty. */
  protected abstract String basePath();

  /** The path of the first request every scan sends (the failure list), e.g. {@code /logs}. */
  protected abstract String listPath();

  /** The options of the test connection: the defaults, or what the platform cannot do without. */
  protected PlatformOptions options() {
    return plugin().polling().orElseThrow().defaultOptions();
  }

  /** The window every scan of the contract reads. */
  protected abstract Instant windowStart();

  /**
   * Stubs the documented paging: failures over at least two pages of the list.
   *
   * @return the execution ids of every failure the pages hold, in any order
   */
  protected abstract List<String> stubPagedFailures();

  /**
   * Stubs a scan that finds a failure whose error message (of the run, or of a failing step) is
   * {@code message}, in the platform's documented shape.
   *
   * @return its execution id
   */
  protected abstract String stubFailureWithError(String message) throws Exception;

  /**
   * Stubs the detail of a run a previous scan saw unfinished: {@code failedSince} whether it has
   * failed since, else it is still running.
   *
   * @return the pending run as the scan reported it
   */
  protected abstract PendingRun stubLateFinisher(boolean failedSince) throws Exception;

  /**
   * For a platform that both polls and pushes: one run seen both ways. Stubs the API so that a scan
   * of the window finds the run; the webhook is what the platform sends for it.
   */
  protected Optional<PushedRun> stubRunSeenBothWays() throws Exception {
    return Optional.empty();
  }

  /**
   * A run pushed by the platform.
   *
   * @param executionId the run's id as the poller reports it
   * @param request the webhook request the platform sends for it (signed)
   * @param body its body as text
   * @param settings the connection's webhook settings (tenant {@link SourceTestKit#TENANT},
   *     connection {@code conn_<platform id>}, as the test connection)
   */
  public record PushedRun(
      String executionId, WebhookRequest request, String body, WebhookSettings settings) {}

  // ---- the contract ---------------------------------------------------------------------------

  @Test
  void registry_whenAsked_listsThePluginWithItsOwnOptions() {
    assertThat(PlatformRegistry.builtIn().find(plugin().platform()))
        .get()
        .isInstanceOf(plugin().getClass());
    PlatformOptions options = options();
    assertThat(options.platform()).isEqualTo(plugin().platform());
    // A self-hosted platform (n8n) has no default: its connections must name their base URL.
    if (options.defaultBaseUrl() != null) {
      assertThat(options.defaultBaseUrl().getScheme()).isEqualTo("https");
    }
    assertThat(plugin().descriptor().apiDocumentation().toString()).isNotBlank();
  }

  @Test
  void scan_whenFailuresSpanSeveralPages_deliversEveryOneOfThem() {
    List<String> expected = stubPagedFailures();
    RecordingListener listener = new RecordingListener();

    ScanResult result = source().scan(window(), listener);

    assertThat(result.complete()).isTrue();
    assertThat(listPages()).isGreaterThanOrEqualTo(2);
    assertThat(listener.ids()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(listener.failures())
        .allSatisfy(
            f -> {
              assertThat(f.platform()).isEqualTo(plugin().platform());
              assertThat(f.connectionId()).isEqualTo(connectionId());
              assertThat(f.execution().outcome()).isEqualTo(Outcome.FAILED);
            });
  }

  @Test
  void recheck_whenALateFinisherHasFailedSince_returnsItsFailure() throws Exception {
    PendingRun pending = stubLateFinisher(true);

    RecheckResult result = source().recheck(pending, Set.of(Outcome.FAILED), farDeadline(clock));

    assertThat(result).isInstanceOf(RecheckResult.Terminal.class);
    FailedExecution failure = ((RecheckResult.Terminal) result).failure();
    assertThat(failure.execution().id()).isEqualTo(pending.executionId());
    assertThat(failure.execution().outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void recheck_whenALateFinisherIsStillRunning_keepsItPending() throws Exception {
    PendingRun pending = stubLateFinisher(false);

    RecheckResult result = source().recheck(pending, Set.of(Outcome.FAILED), farDeadline(clock));

    assertThat(result).isInstanceOf(RecheckResult.StillRunning.class);
  }

  @Test
  void scan_whenRateLimitedWithRetryAfter_pausesForThatLong() {
    stubList(aResponse().withStatus(429).withHeader("Retry-After", "120").withBody("{}"));

    SourceRateLimitedException e =
        catchThrowableOfType(SourceRateLimitedException.class, this::scan);

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(e.fromHeaders()).isTrue();
    assertThat(e.platform()).isEqualTo(plugin().platform());
    assertNoKey(e);
  }

  @Test
  void scan_whenKeyRefused_throwsAuthExceptionWithoutTheKey() {
    // The body echoes the key, as a careless server might.
    stubList(aResponse().withStatus(401).withBody("{\"error\":\"" + KEY.reveal() + "\"}"));

    SourceAuthException e = catchThrowableOfType(SourceAuthException.class, this::scan);

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage()).contains("connection " + connectionId(), "HTTP 401");
    assertNoKey(e);
  }

  @Test
  void scan_whenServerFails_throwsUnavailableToRetry() {
    stubList(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"));

    SourceUnavailableException e =
        catchThrowableOfType(SourceUnavailableException.class, this::scan);

    assertThat(e.httpStatus()).isEqualTo(502);
    assertNoKey(e);
  }

  @Test
  void scan_whenBodyIsMalformed_throwsResponseInvalid() {
    stubList(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"data\": [{\"id\": "));

    SourceResponseInvalidException e =
        catchThrowableOfType(SourceResponseInvalidException.class, this::scan);

    assertThat(e.getMessage()).contains("not complete JSON");
    assertNoKey(e);
  }

  @Test
  void scan_whenErrorIsUnicode_deliversItExactly() throws Exception {
    String message = "Schritt „Übersetzen“ fehlgeschlagen ⚠ — 要約できません 🚫 (Zeile 1\u00a0/\u00a02)";
    String id = stubFailureWithError(message);
    RecordingListener listener = new RecordingListener();

    source().scan(window(), listener);

    assertThat(errorMessages(failure(listener, id))).contains(message);
  }

  @Test
  void scan_whenErrorIsHuge_deliversItWholeAndTheEventStillFits() throws Exception {
    String message = "Traceback ✗ " + "at step(node.js:1) ".repeat(20_000);
    String id = stubFailureWithError(message);
    RecordingListener listener = new RecordingListener();

    source().scan(window(), listener);

    FailedExecution failure = failure(listener, id);
    assertThat(errorMessages(failure)).contains(message);
    // The source keeps it whole; the mapping shrinks it to what EventBridge accepts.
    MappedEvent event = new DefaultFailedExecutionMapper().map(failure, MappingOptions.defaults());
    assertThat(event.sizeBytes()).isLessThanOrEqualTo(MappingOptions.DEFAULT_MAX_ENTRY_SIZE_BYTES);
  }

  @Test
  void scanAndFailures_whenKeyIsUsed_neverShowItOutsideTheRequestHeader() throws Exception {
    List<String> ids = stubPagedFailures();
    RecordingListener listener = new RecordingListener();
    String log =
        capturingStandardError(
            () -> {
              source().scan(window(), listener);
              server.resetAll();
              stubList(aResponse().withStatus(401).withBody(KEY.reveal()));
              catchThrowableOfType(SourceAuthException.class, this::scan);
            });

    assertThat(listener.ids()).hasSameSizeAs(ids);
    assertThat(log).doesNotContain(KEY.reveal());
    assertThat(listener.failures())
        .allSatisfy(
            f -> {
              assertThat(f.toString()).doesNotContain(KEY.reveal());
              assertThat(String.valueOf(f.rawPayload())).doesNotContain(KEY.reveal());
            });
    assertThat(server.getAllServeEvents())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain(KEY.reveal()));
    assertThat(source().toString()).doesNotContain(KEY.reveal());
  }

  @Test
  void pollAndWebhook_whenOneRunIsSeenBothWays_shareItsEventId() throws Exception {
    Optional<WebhookSupport> webhooks = plugin().webhooks();
    Assumptions.assumeTrue(
        webhooks.isPresent() && plugin().polling().isPresent(),
        "only for platforms that both poll and push");
    PushedRun pushed = stubRunSeenBothWays().orElseThrow();
    RecordingListener listener = new RecordingListener();
    source().scan(window(), listener);
    String polled = EventIds.of(failure(listener, pushed.executionId()));

    WebhookVerification verification =
        webhooks
            .get()
            .verifier(new WebhookContext(clock, new InMemoryReplayGuard(clock)))
            .verify(pushed.request(), pushed.settings());
    WebhookReceipt receipt =
        webhooks
            .get()
            .parser()
            .parse(
                pushed.request(),
                new WebhookBody(pushed.body(), SourceTestKit.json().readTree(pushed.body())),
                pushed.settings());
    assertThat(verification.verified()).isTrue();
    assertThat(receipt).isInstanceOf(WebhookReceipt.Accepted.class);
    WebhookReceipt.Accepted enriched =
        webhooks
            .get()
            .enricher(new EnricherContext(c -> connection().build(), SourceTestKit::http, clock))
            .enrich(storedConnection(), (WebhookReceipt.Accepted) receipt, farDeadline(clock));

    assertThat(enriched.eventId()).isEqualTo(polled);
  }

  // ---- helpers for the platforms --------------------------------------------------------------

  /** {@code conn_<platform id>}, the test connection's id. */
  protected final String connectionId() {
    return "conn_" + plugin().platform().id();
  }

  /** The test connection: served by {@link #server} under {@link #basePath()}. */
  protected SourceConnection.Builder connection() {
    return SourceTestKit.connection(plugin().platform(), server, basePath()).options(options());
  }

  /** {@code path}'s text under {@code src/test/resources/sources/}. */
  protected static String fixture(String path) {
    return SourceTestKit.fixture(path);
  }

  /** {@code name}'s text under {@code src/test/resources/webhooks/}. */
  protected static String webhookFixture(String name) {
    try (var in = PlatformContractTest.class.getResourceAsStream("/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture webhooks/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private FailureSource source() {
    return plugin()
        .polling()
        .orElseThrow()
        .newSource(
            connection().build(), new SourceContext(SourceTestKit.http(), clock, clock.sleeper()));
  }

  private ScanRequest window() {
    return ScanRequest.failures(windowStart(), NOW, farDeadline(clock));
  }

  private ScanResult scan() {
    return source().scan(window(), new RecordingListener());
  }

  private void stubList(ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(basePath() + listPath())).willReturn(response));
  }

  private long listPages() {
    return server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().split("\\?")[0].equals(basePath() + listPath()))
        .count();
  }

  /** The stored connection a webhook is accepted for: this platform, with an API key. */
  private Connection storedConnection() {
    Connection template = TestConnections.dify(TENANT, connectionId());
    ConnectionSource source = template.source();
    return new Connection(
        template.id(),
        template.tenantId(),
        template.name(),
        template.enabled(),
        new ConnectionSource(
            plugin().platform(),
            null,
            source.apiKey(),
            source.outcomes(),
            Set.of(),
            java.util.Map.of()),
        template.webhook(),
        template.destination(),
        template.mapping(),
        template.health(),
        template.createdAt(),
        template.updatedAt(),
        template.version());
  }

  private static FailedExecution failure(RecordingListener listener, String executionId) {
    return listener.failures().stream()
        .filter(f -> f.execution().id().equals(executionId))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no failure "
                        + executionId
                        + " among "
                        + listener.ids()
                        + listener.rowFailures));
  }

  private static List<String> errorMessages(FailedExecution failure) {
    List<String> messages = new ArrayList<>();
    if (failure.error() != null) {
      messages.add(failure.error().message());
    }
    for (FailedStep step : failure.failedSteps()) {
      messages.add(step.errorMessage());
    }
    return messages;
  }

  private static String capturingStandardError(ThrowingRunnable action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static void assertNoKey(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(KEY.reveal());
  }
}
