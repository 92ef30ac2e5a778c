package dev.errorbridge.connector.credentials;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.cache.ConnectionCache;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.DestinationAuth;
import dev.errorbridge.connector.secrets.SecretCipher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Makes and keeps one credentials provider per connection:
 *
 * <ul>
 *   <li>{@code ACCESS_KEYS}: the stored keys, decrypted through the {@link SecretCipher} on first
 *       use (never when the provider is made), as static credentials (session credentials when a
 *       token is stored);
 *   <li>{@code ASSUME_ROLE}: the customer's role assumed through STS in the bus's region with the
 *       connection's External ID and session name {@code errorbridge-<connectionId>}, refreshed
 *       before expiry as {@link AssumeRoleRefresh} says;
 *   <li>{@code AMBIENT}: the runtime's own provider, resolved only when a call is signed.
 * </ul>
 *
 * <pre>{@code
 * DestinationCredentialsProvider providers =
 *     DestinationCredentialsProvider.builder().secretCipher(cipher).build();
 * }</pre>
 *
 * <p>The same provider instance comes back for a connection until its settings version changes (or
 * it is {@link #invalidate invalidated}): the publisher keeps one SDK client per connection and
 * rebuilds it only when the provider is another instance. Nothing is decrypted or assumed when a
 * provider is made; that happens when a call is first signed, and failures then surface as a {@link
 * DestinationCredentialsException}.
 *
 * <p>Providers are kept in a {@link ConnectionCache}: at most {@link
 * ConnectionCache#DEFAULT_MAX_CONNECTIONS} connections, each forgotten after {@link #DEFAULT_IDLE}
 * unused. A provider leaving the cache (evicted, replaced or invalidated) is retired: an assumed
 * role's background refresh stops, and stored keys' plaintexts are dropped from the cipher's cache.
 * A retired provider may still be held by a publisher's SDK client for a call in flight (size
 * eviction may pick a provider just handed out); it keeps signing, because nothing it needs is
 * closed: access keys are decrypted again through the cipher, and a closed assumed-role provider
 * still refreshes its session, in the calling thread instead of the background. It is garbage once
 * that client is.
 *
 * <p>Thread-safe. {@link #close()} closes the providers and the STS clients it made.
 */
public final class DestinationCredentialsProvider implements SdkAutoCloseable {
  /**
   * How long a connection's provider outlives its last use. Longer than the publisher keeps the SDK
   * client built with it ({@code DestinationResources.DEFAULT_IDLE}, an hour; both are used on
   * every publish), so expiry retires a provider only after its client is gone; and an assumed
   * role's session (an hour by default) would be refreshed in the background for nothing past it.
   */
  public static final Duration DEFAULT_IDLE = Duration.ofHours(2);

  /** What a provider was made from; another value means the connection's settings changed. */
  private record Settings(String tenantId, long version, String region, DestinationAuth auth) {}

  private record Cached(Settings settings, AwsCredentialsProvider provider) {}

  private final SecretCipher cipher;
  private final AwsCredentialsProvider runtimeCredentials;
  private final StsClientFactory stsClients;
  private final SdkAutoCloseable ownedStsFactory;
  private final AssumeRoleRefresh refresh;
  private final ConnectionCache<Cached> byConnection;
  private final Map<Region, StsClient> stsByRegion = new ConcurrentHashMap<>();

  private DestinationCredentialsProvider(Builder b) {
    this.cipher = b.secretCipher;
    this.runtimeCredentials =
        b.runtimeCredentials != null
            ? b.runtimeCredentials
            : DefaultCredentialsProvider.builder().build();
    if (b.stsClients != null) {
      this.stsClients = b.stsClients;
      this.ownedStsFactory = null;
    } else {
      DefaultStsClientFactory factory = new DefaultStsClientFactory(runtimeCredentials);
      this.stsClients = factory;
      this.ownedStsFactory = factory;
    }
    this.refresh = b.refresh;
    this.byConnection =
        ConnectionCache.<Cached>builder()
            .maxConnections(b.maxConnections)
            .idle(b.idle)
            .ticker(b.ticker)
            .onEviction(this::retire)
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The provider for a connection's destination.
   *
   * @param tenantId the tenant that owns the connection (part of its secrets' encryption context)
   * @param connectionId the connection
   * @param settingsVersion the connection's settings version; another value yields a new provider
   * @param region the bus's region, e.g. {@code eu-west-1} (where STS is called)
   * @param auth how the connection signs its calls
   * @return the same instance as the previous call for this connection, unless its settings
   *     changed; a replaced provider is closed
   */
  public AwsCredentialsProvider forConnection(
      String tenantId,
      String connectionId,
      long settingsVersion,
      String region,
      DestinationAuth auth) {
    SettingProblems problems = new SettingProblems();
    problems.check(SettingProblems.present(tenantId), "tenantId is required");
    problems.check(SettingProblems.present(connectionId), "connectionId is required");
    problems.check(SettingProblems.present(region), "region is required, e.g. us-east-1");
    problems.check(auth != null, "auth is required (ACCESS_KEYS, ASSUME_ROLE or AMBIENT)");
    problems.throwIfAny(CredentialsConfigInvalidException::new);
    Settings settings = new Settings(tenantId, settingsVersion, region, auth);
    return byConnection
        .compute(
            connectionId,
            (id, existing) -> {
              if (existing != null && existing.settings().equals(settings)) {
                return existing;
              }
              if (existing != null) {
                retire(id, existing);
              }
              return new Cached(settings, create(id, settings));
            })
        .provider();
  }

  /**
   * Forgets a connection's provider (and closes it), e.g. when the connection is deleted or its
   * secrets were replaced; the next {@link #forConnection} makes a new one.
   */
  public void invalidate(String connectionId) {
    Cached removed = byConnection.remove(connectionId);
    if (removed != null) {
      retire(connectionId, removed);
    }
  }

  private AwsCredentialsProvider create(String connectionId, Settings s) {
    if (s.auth() instanceof DestinationAuth.AccessKeys keys) {
      return new AccessKeysCredentialsProvider(s.tenantId(), connectionId, keys, cipher);
    }
    if (s.auth() instanceof DestinationAuth.AssumeRole role) {
      StsClient sts = stsByRegion.computeIfAbsent(Region.of(s.region()), stsClients::create);
      return new AssumeRoleCredentialsProvider(connectionId, s.region(), role, sts, refresh);
    }
    return new AmbientCredentialsProvider(connectionId, runtimeCredentials);
  }

  /** Stops a replaced provider's refresh and drops its decrypted secrets from the cipher cache. */
  private void retire(String connectionId, Cached cached) {
    if (cached.provider() instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
    if (cached.settings().auth() instanceof DestinationAuth.AccessKeys) {
      cipher.invalidate(cached.settings().tenantId(), connectionId);
    }
  }

  @Override
  public void close() {
    byConnection.removeAll().forEach(this::retire);
    stsByRegion.values().forEach(StsClient::close);
    stsByRegion.clear();
    if (ownedStsFactory != null) {
      ownedStsFactory.close();
    }
  }

  /** Builds a {@link DestinationCredentialsProvider}; only the cipher is required. */
  public static final class Builder {
    private SecretCipher secretCipher;
    private AwsCredentialsProvider runtimeCredentials;
    private StsClientFactory stsClients;
    private AssumeRoleRefresh refresh = AssumeRoleRefresh.defaults();
    private int maxConnections = ConnectionCache.DEFAULT_MAX_CONNECTIONS;
    private Duration idle = DEFAULT_IDLE;
    private Ticker ticker;

    private Builder() {}

    /** The providers kept, their idle spell and the time it runs on; for tests. */
    Builder cache(int maxConnections, Duration idle, Ticker ticker) {
      this.maxConnections = maxConnections;
      this.idle = idle;
      this.ticker = ticker;
      return this;
    }

    /** Decrypts ACCESS_KEYS connections' stored secrets. Required. */
    public Builder secretCipher(SecretCipher cipher) {
      this.secretCipher = cipher;
      return this;
    }

    /**
     * The runtime's own credentials: AMBIENT connections publish with them, and the default STS
     * clients assume customers' roles with them. Default {@code
     * DefaultCredentialsProvider.builder().build()}, which resolves nothing until first used.
     */
    public Builder runtimeCredentials(AwsCredentialsProvider credentials) {
      this.runtimeCredentials = credentials;
      return this;
    }

    /**
     * Where STS clients come from (e.g. pointed at local-aws). Default: a {@link
     * DefaultStsClientFactory} signing with the runtime credentials, closed with this provider.
     */
    public Builder stsClients(StsClientFactory factory) {
      this.stsClients = factory;
      return this;
    }

    /**
     * Session duration and refresh timing for ASSUME_ROLE. Default {@link
     * AssumeRoleRefresh#defaults()}.
     */
    public Builder assumeRoleRefresh(AssumeRoleRefresh refresh) {
      this.refresh = refresh;
      return this;
    }

    /**
     * @throws CredentialsConfigInvalidException listing every missing setting
     */
    public DestinationCredentialsProvider build() {
      SettingProblems problems = new SettingProblems();
      problems.check(
          secretCipher != null,
          "secretCipher is required to decrypt stored access keys (e.g. KmsSecretCipher)");
      problems.check(
          refresh != null, "assumeRoleRefresh must not be null; use AssumeRoleRefresh.defaults()");
      problems.throwIfAny(CredentialsConfigInvalidException::new);
      return new DestinationCredentialsProvider(this);
    }
  }

  /** The provider for {@code connection}'s destination, at its current settings version. */
  public AwsCredentialsProvider forConnection(Connection connection) {
    return forConnection(
        connection.tenantId(),
        connection.id(),
        connection.version(),
        connection.destination().region(),
        connection.destination().auth());
  }
}
