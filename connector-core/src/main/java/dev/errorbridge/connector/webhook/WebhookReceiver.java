package dev.errorbridge.connector.webhook;

import dev.errorbridge.connector.webhook.spi.ReplayGuard;
import dev.errorbridge.connector.webhook.spi.WebhookParser;
import dev.errorbridge.connector.webhook.spi.WebhookPayloadInvalidException;
import dev.errorbridge.connector.webhook.spi.WebhookReceipt;
import dev.errorbridge.connector.webhook.spi.WebhookRequest;
import dev.errorbridge.connector.webhook.spi.WebhookSettings;
import dev.errorbridge.connector.webhook.spi.WebhookVerification;
import dev.errorbridge.connector.webhook.spi.WebhookVerifier;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-free core of {@code POST /webhooks/{connectionId}}: a Lambda handler or an HTTP
 * server turns its request into a {@link WebhookRequest} and answers with the receipt's {@link
 * WebhookReceipt#response() response}. In order:
 *
 * <ol>
 *   <li>request guards, the same for every connection: size (413), JSON content type (415), empty
 *       body (400);
 *   <li>connection lookup: an unknown id and one the lookup will not serve get one identical 404;
 *   <li>the connection's rate limit (429 with {@code Retry-After});
 *   <li>the platform's verification over the raw body, before anything parses it: 401 with one
 *       generic body, whatever failed (the reason is logged at debug, without secrets);
 *   <li>JSON reading (at most {@link WebhookReceiverConfig#maxNestingDepth()} deep) and the
 *       platform's parser: 400 listing every problem by field, or {@link WebhookReceipt.Ignored}
 *       (202 {@code ignored}) for an authentic request that reports no failure.
 * </ol>
 *
 * It publishes nothing: an {@link WebhookReceipt.Accepted} receipt carries the failure for the
 * caller to deliver. A failing connection store or replay store gives 503 with {@code Retry-After},
 * so the sender retries. Thread-safe.
 *
 * <pre>{@code
 * WebhookReceiver receiver =
 *     new WebhookReceiver(connections, new DynamoDbReplayGuard(table, clock), WebhookReceiverConfig.defaults());
 * WebhookReceipt receipt = receiver.receive(request);
 * }</pre>
 */
public final class WebhookReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  private final WebhookConnections connections;
  private final WebhookRequestGuard guard;
  private final WebhookRateLimiter rateLimiter;
  private final WebhookVerifier verifier;
  private final WebhookJson json;
  private final WebhookParser parser;

  /** The default guards, rate limiter, verifiers and parsers. */
  public WebhookReceiver(
      WebhookConnections connections, ReplayGuard replayGuard, WebhookReceiverConfig config) {
    this(
        connections,
        config,
        new WebhookRequestGuard(config.maxBodyBytes()),
        new WebhookRateLimiter(),
        new DefaultWebhookVerifier(config.clock(), replayGuard),
        new DefaultWebhookParser());
  }

  /** Every strategy given; {@code config} supplies the JSON nesting limit. */
  public WebhookReceiver(
      WebhookConnections connections,
      WebhookReceiverConfig config,
      WebhookRequestGuard guard,
      WebhookRateLimiter rateLimiter,
      WebhookVerifier verifier,
      WebhookParser parser) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.json = new WebhookJson(config.maxNestingDepth());
  }

  /** Decides about one request; never throws for anything the request contains. */
  public WebhookReceipt receive(WebhookRequest request) {
    Optional<WebhookReceipt.Rejected> refused = guard.check(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    String connectionId = request.connectionId();
    if (!WebhookSettings.CONNECTION_ID.matcher(connectionId).matches()) {
      return Rejections.NOT_FOUND; // not looked up, not logged: it may be anything
    }
    Optional<WebhookSettings> found;
    try {
      found = connections.find(connectionId);
    } catch (RuntimeException e) {
      LOG.warn("webhook connection lookup failed connectionId={}", connectionId, e);
      return Rejections.UNAVAILABLE;
    }
    if (found.isEmpty() || !found.get().connectionId().equals(connectionId)) {
      LOG.debug("webhook for no connection connectionId={}", connectionId);
      return Rejections.NOT_FOUND;
    }
    WebhookSettings settings = found.get();
    Optional<Duration> wait = rateLimiter.tryAcquire(connectionId, settings.rateLimit());
    if (wait.isPresent()) {
      LOG.debug("webhook rate limited connectionId={} retryAfter={}", connectionId, wait.get());
      return Rejections.tooManyRequests(wait.get());
    }
    return verifyAndParse(request, settings);
  }

  private WebhookReceipt verifyAndParse(WebhookRequest request, WebhookSettings settings) {
    WebhookVerification verification;
    try {
      verification = verifier.verify(request, settings);
    } catch (RuntimeException e) {
      // A replay store outage: refusing lets the sender retry; accepting would allow replays.
      LOG.warn(
          "webhook verification could not complete connectionId={} platform={}",
          settings.connectionId(),
          settings.platform().id(),
          e);
      return Rejections.UNAVAILABLE;
    }
    if (!verification.verified()) {
      LOG.debug(
          "webhook not authenticated connectionId={} platform={} reason={}",
          settings.connectionId(),
          settings.platform().id(),
          verification.failure());
      return Rejections.UNAUTHORIZED;
    }
    try {
      WebhookReceipt receipt = parser.parse(request, json.read(request.rawBody()), settings);
      if (receipt instanceof WebhookReceipt.Accepted accepted
          && settings.storedConnection().isPresent()) {
        receipt = accepted.withConnection(settings.storedConnection().get());
      }
      if (receipt instanceof WebhookReceipt.Accepted accepted && verification.replay() != null) {
        receipt = accepted.withReplay(verification.replay());
      }
      LOG.debug(
          "webhook received connectionId={} platform={} receipt={}",
          settings.connectionId(),
          settings.platform().id(),
          receipt.getClass().getSimpleName());
      return receipt;
    } catch (WebhookPayloadInvalidException e) {
      LOG.debug(
          "webhook payload invalid connectionId={} platform={} problems={}",
          settings.connectionId(),
          settings.platform().id(),
          e.problems());
      return Rejections.invalidPayload(e.problems());
    }
  }
}
