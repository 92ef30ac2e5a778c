package dev.errorbridge.connector.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.errorbridge.connector.source.SourceAddressForbiddenException;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceDeadlineExceededException;
import dev.errorbridge.connector.source.SourceException;
import dev.errorbridge.connector.source.SourceRateLimitedException;
import dev.errorbridge.connector.source.SourceResponseInvalidException;
import dev.errorbridge.connector.source.SourceResponseTooLargeException;
import dev.errorbridge.connector.source.SourceUnavailableException;
import dev.errorbridge.connector.time.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs JSON from one platform connection and turns every way that can fail into the {@link
 * SourceException} the poll engine acts on. It adds the connection's auth header to each request
 * (revealing the key only there), bounds each request by the connection's timeout and the caller's
 * deadline, honours a {@link RequestRateGate} when given one, and never puts the key in a message.
 */
public final class SourceHttpClient {
  /** The largest response body read. */
  public static final int MAX_BODY_BYTES = 32 << 20;

  /** The wait after a 429 that names none. */
  public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

  /** Below this much time left, a request is not started: it could only time out. */
  static final Duration MIN_REQUEST_TIME = Duration.ofMillis(50);

  /** How often a gated client waits out a 429 itself before giving up to the engine. */
  private static final int MAX_RATE_LIMIT_WAITS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(SourceHttpClient.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private final HttpClient http;
  private final Clock clock;
  private final SourceConnection connection;
  private final String authHeader;
  private final String authPrefix;
  private final Map<String, String> headers;
  private final RequestRateGate gate;
  private final AtomicInteger requests = new AtomicInteger();
  private final SourceErrors errors;

  /**
   * @param authHeader the header that carries the key, e.g. {@code Authorization}
   * @param authPrefix what goes before the key in it, e.g. {@code "Bearer "}, or {@code ""}
   * @param headers further headers for every request (e.g. {@code x-api-version})
   * @param gate the request budget to honour, or {@code null}
   */
  public SourceHttpClient(
      HttpClient http,
      Clock clock,
      SourceConnection connection,
      String authHeader,
      String authPrefix,
      Map<String, String> headers,
      RequestRateGate gate) {
    this.http = http;
    this.clock = clock;
    this.connection = connection;
    this.authHeader = authHeader;
    this.authPrefix = authPrefix;
    this.headers = new LinkedHashMap<>(headers);
    this.gate = gate;
    this.errors = new SourceErrors(connection);
  }

  /** The connection it reads. */
  public SourceConnection connection() {
    return connection;
  }

  /** Requests sent so far, retries included. */
  public int requests() {
    return requests.get();
  }

  /** Who answered: this connection's platform and id, and {@code endpoint}. */
  public Origin origin(String endpoint) {
    return new Origin(connection.platform(), connection.connectionId(), endpoint);
  }

  /** The base URL followed by {@code path} (which starts with {@code /}) and {@code query}. */
  public URI url(String path, Query query) {
    String encoded = query.encoded();
    return URI.create(connection.baseUrl() + path + (encoded.isEmpty() ? "" : "?" + encoded));
  }

  /**
   * GETs {@code uri}, which must answer 2xx with a JSON object.
   *
   * @param endpoint the method and path template for messages, e.g. {@code GET /logs/{id}}
   * @throws SourceDeadlineExceededException when {@code deadline} comes first
   * @throws SourceException for every other failure
   */
  public JsonResponse get(String endpoint, URI uri, Deadline deadline) {
    return exchange(endpoint, uri, deadline, false);
  }

  /** Like {@link #get}, but empty when the platform answers 404 or 410. */
  public Optional<JsonResponse> find(String endpoint, URI uri, Deadline deadline) {
    return Optional.ofNullable(exchange(endpoint, uri, deadline, true));
  }

  /**
   * A run's detail: like {@link #find}, and empty too when the detail is larger than {@link
   * #MAX_BODY_BYTES} (logged), so that the caller builds the failure from its list row as it does
   * for a run whose detail is gone, rather than lose it.
   *
   * @param executionId the run, for the log
   */
  public Optional<JsonResponse> detail(
      String endpoint, URI uri, Deadline deadline, String executionId) {
    try {
      return find(endpoint, uri, deadline);
    } catch (SourceResponseTooLargeException e) {
      LOG.warn(
          "source detail too large platform={} connection={} endpoint=\"{}\" run={}: built from"
              + " its list row instead (the detail is larger than {} MiB)",
          connection.platform().id(),
          connection.connectionId(),
          endpoint,
          executionId,
          MAX_BODY_BYTES >> 20);
      return Optional.empty();
    }
  }

  private JsonResponse exchange(
      String endpoint, URI uri, Deadline deadline, boolean notFoundIsEmpty) {
    for (int waits = 0; ; waits++) {
      acquire(endpoint, deadline);
      Duration remaining = deadline.remaining(clock);
      if (remaining.compareTo(MIN_REQUEST_TIME) < 0) {
        throw errors.deadlineExceeded(endpoint, "the deadline passed");
      }
      boolean capped = remaining.compareTo(connection.requestTimeout()) < 0;
      Duration timeout = capped ? remaining : connection.requestTimeout();
      long started = System.nanoTime();
      HttpResponse<byte[]> response = send(endpoint, uri, timeout, capped);
      int status = response.statusCode();
      LOG.debug(
          "source request platform={} connection={} endpoint=\"{}\" status={} ms={}",
          connection.platform().id(),
          connection.connectionId(),
          endpoint,
          status,
          (System.nanoTime() - started) / 1_000_000);
      if (gate != null) {
        gate.observe(response.headers());
      }
      if (status / 100 == 2) {
        return new JsonResponse(
            origin(endpoint), status, response.headers(), parse(endpoint, response.body()));
      }
      if (notFoundIsEmpty && (status == 404 || status == 410)) {
        return null;
      }
      if (status == 429) {
        RetryAfter wait = RetryAfter.from(response.headers(), clock, DEFAULT_RATE_LIMIT_WAIT);
        boolean fits = clock.instant().plus(wait.delay()).isBefore(deadline.instant());
        if (gate != null && waits < MAX_RATE_LIMIT_WAITS && fits) {
          gate.pauseFor(wait.delay());
          continue;
        }
        throw new SourceRateLimitedException(
            connection.platform(),
            connection.connectionId(),
            endpoint,
            wait.delay(),
            wait.fromHeaders());
      }
      throw errors.failure(endpoint, status, response.body());
    }
  }

  private void acquire(String endpoint, Deadline deadline) {
    if (gate == null) {
      return;
    }
    try {
      if (!gate.acquire(deadline)) {
        throw errors.deadlineExceeded(
            endpoint, "the request budget's next window opens after the deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.deadlineExceeded(endpoint, "the poller's thread was interrupted");
    }
  }

  private HttpResponse<byte[]> send(String endpoint, URI uri, Duration timeout, boolean capped) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "errorbridge-connector")
            .header(authHeader, authPrefix + connection.apiKey().reveal());
    headers.forEach(request::header);
    requests.incrementAndGet();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request.build(), info -> new BoundedBody(MAX_BODY_BYTES));
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw errors.timedOut(endpoint, timeout, capped, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw errors.deadlineExceeded(endpoint, "the poller's thread was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw errors.timedOut(endpoint, timeout, capped, cause);
      }
      if (cause instanceof GuardedHttpClient.AddressForbiddenException) {
        throw new SourceAddressForbiddenException(
            connection.platform(), connection.connectionId(), endpoint, cause.getMessage());
      }
      if (cause instanceof BoundedBody.BodyTooLargeException) {
        throw new SourceResponseTooLargeException(
            connection.platform(),
            connection.connectionId(),
            endpoint,
            MAX_BODY_BYTES,
            "this request");
      }
      String what = cause instanceof IOException ? "the connection failed" : "the request failed";
      throw new SourceUnavailableException(
          connection.platform(),
          connection.connectionId(),
          endpoint,
          null,
          what + " (" + cause.getClass().getSimpleName() + errors.describe(cause) + ")",
          null);
    }
  }

  private JsonFields parse(String endpoint, byte[] body) {
    Origin origin = origin(endpoint);
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new SourceResponseInvalidException(
          origin.platform(),
          origin.connectionId(),
          endpoint,
          null,
          "is not complete JSON ("
              + errors.redact(e.getOriginalMessage())
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr())
              + ")",
          null);
    } catch (IOException e) {
      throw origin.invalid(null, "could not be read");
    }
    if (node == null || node.isMissingNode()) {
      throw origin.invalid(null, "is empty");
    }
    return JsonFields.root(node, origin);
  }
}
