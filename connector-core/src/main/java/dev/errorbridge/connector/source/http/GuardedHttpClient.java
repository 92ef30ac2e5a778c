package dev.errorbridge.connector.source.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that checks, before each request, where the request's host resolves now,
 * and refuses to send when the check names a problem. A platform base URL is checked against
 * Errorbridge's address rules when the connection is saved; a host whose DNS answer changes later
 * (DNS rebinding) would otherwise receive the API key at a private address. The JDK 17 client has
 * no resolver hook, so this checks through the JVM's resolver just before sending, whose cache (30
 * s by default) the client's own lookup then hits: the window between the two lookups is the
 * cache's, not the attacker's TTL.
 *
 * <p>A refused request fails with {@link AddressForbiddenException}, which {@link SourceHttpClient}
 * reports as {@link dev.errorbridge.connector.source.SourceAddressForbiddenException}.
 */
public final class GuardedHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final Function<String, Optional<String>> hostCheck;

  /** Why a request was not sent: its host resolves to an address Errorbridge does not call. */
  public static final class AddressForbiddenException extends IOException {
    AddressForbiddenException(String message) {
      super(message);
    }
  }

  /**
   * @param delegate the client that sends
   * @param hostCheck for a host name, what is wrong with calling it now, or empty
   */
  public GuardedHttpClient(HttpClient delegate, Function<String, Optional<String>> hostCheck) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.hostCheck = Objects.requireNonNull(hostCheck, "hostCheck");
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Optional<String> problem = check(request);
    if (problem.isPresent()) {
      throw new AddressForbiddenException(problem.get());
    }
    return delegate.send(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    Optional<String> problem = check(request);
    return problem.isPresent()
        ? CompletableFuture.failedFuture(new AddressForbiddenException(problem.get()))
        : delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    Optional<String> problem = check(request);
    return problem.isPresent()
        ? CompletableFuture.failedFuture(new AddressForbiddenException(problem.get()))
        : delegate.sendAsync(request, handler, pushPromiseHandler);
  }

  private Optional<String> check(HttpRequest request) {
    String host = request.uri().getHost();
    return host == null ? Optional.empty() : hostCheck.apply(host);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
