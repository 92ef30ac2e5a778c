package dev.errorbridge.localaws;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link LocalAws} server runs. Immutable; build with {@link #builder()}, which reports every
 * invalid setting at once.
 */
public final class LocalAwsConfig {
  /** Loopback only: local-aws is never meant to be reachable from another machine. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Port 0 picks a random free port, which is what tests want. */
  public static final int DEFAULT_PORT = 0;

  /**
   * EventBridge's classic limit; AWS raised it to 1 MB on 2026-01-29, which {@link
   * #MAX_ENTRY_SIZE_BYTES} allows.
   */
  public static final int DEFAULT_MAX_ENTRY_SIZE_BYTES = 256 * 1024;

  public static final int MAX_ENTRY_SIZE_BYTES = 1024 * 1024;

  /** SigV4 rejects requests signed more than 15 minutes from the server's clock. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private final String host;
  private final int port;
  private final List<AccountCredentials> credentials;
  private final int maxEntrySizeBytes;
  private final MissingBusPolicy missingBusPolicy;
  private final boolean verifySignatures;
  private final Duration maxClockSkew;
  private final Clock clock;
  private final int serverThreads;

  private LocalAwsConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    List<AccountCredentials> all = new ArrayList<>();
    if (b.registerDefaultCredentials) {
      all.add(AccountCredentials.DEFAULT);
    }
    all.addAll(b.credentials);
    this.credentials = List.copyOf(all);
    this.maxEntrySizeBytes = b.maxEntrySizeBytes;
    this.missingBusPolicy = b.missingBusPolicy;
    this.verifySignatures = b.verifySignatures;
    this.maxClockSkew = b.maxClockSkew;
    this.clock = b.clock;
    this.serverThreads = b.serverThreads;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loopback, a random port, the {@code test}/{@code test} account, 256 KB entries, signatures
   * verified.
   */
  public static LocalAwsConfig defaults() {
    return builder().build();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The registered access keys, the default {@code test} key first unless it was turned off. */
  public List<AccountCredentials> credentials() {
    return credentials;
  }

  public int maxEntrySizeBytes() {
    return maxEntrySizeBytes;
  }

  public MissingBusPolicy missingBusPolicy() {
    return missingBusPolicy;
  }

  public boolean verifySignatures() {
    return verifySignatures;
  }

  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  public Clock clock() {
    return clock;
  }

  public int serverThreads() {
    return serverThreads;
  }

  /** Builds a {@link LocalAwsConfig}; {@link #build()} validates everything together. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private final List<AccountCredentials> credentials = new ArrayList<>();
    private boolean registerDefaultCredentials = true;
    private int maxEntrySizeBytes = DEFAULT_MAX_ENTRY_SIZE_BYTES;
    private MissingBusPolicy missingBusPolicy = MissingBusPolicy.REJECT;
    private boolean verifySignatures = true;
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();
    private int serverThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Registers an access key for an account, in addition to the default {@code test} key. */
    public Builder credentials(AccountCredentials accountCredentials) {
      this.credentials.add(accountCredentials);
      return this;
    }

    /**
     * Whether the LocalStack-style {@code test}/{@code test} key for {@code 000000000000} is
     * registered.
     */
    public Builder registerDefaultCredentials(boolean register) {
      this.registerDefaultCredentials = register;
      return this;
    }

    public Builder maxEntrySizeBytes(int bytes) {
      this.maxEntrySizeBytes = bytes;
      return this;
    }

    public Builder missingBusPolicy(MissingBusPolicy policy) {
      this.missingBusPolicy = policy;
      return this;
    }

    /**
     * Turning this off accepts any request as the first registered account; for experiments only.
     */
    public Builder verifySignatures(boolean verify) {
      this.verifySignatures = verify;
      return this;
    }

    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = skew;
      return this;
    }

    /** The clock signatures are checked against and events are stamped with. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder serverThreads(int threads) {
      this.serverThreads = threads;
      return this;
    }

    /**
     * @throws LocalAwsConfigException listing every invalid setting and how to fix it
     */
    public LocalAwsConfig build() {
      List<String> problems = new ArrayList<>();
      if (host == null || host.isBlank()) {
        problems.add("host must be an address to bind, e.g. 127.0.0.1");
      }
      if (port < 0 || port > 65535) {
        problems.add("port must be between 0 (any free port) and 65535; got " + port);
      }
      if (maxEntrySizeBytes < 1 || maxEntrySizeBytes > MAX_ENTRY_SIZE_BYTES) {
        problems.add(
            "maxEntrySizeBytes must be between 1 and "
                + MAX_ENTRY_SIZE_BYTES
                + " (1 MB, EventBridge's current limit); got "
                + maxEntrySizeBytes);
      }
      if (missingBusPolicy == null) {
        problems.add("missingBusPolicy must be REJECT or ACCEPT_SILENTLY");
      }
      if (maxClockSkew == null || maxClockSkew.isNegative() || maxClockSkew.isZero()) {
        problems.add("maxClockSkew must be a positive duration, e.g. PT15M");
      }
      if (clock == null) {
        problems.add("clock must not be null");
      }
      if (serverThreads < 1) {
        problems.add("serverThreads must be at least 1; got " + serverThreads);
      }
      if (!registerDefaultCredentials && credentials.isEmpty()) {
        problems.add("register at least one access key when the default test key is turned off");
      }
      List<String> keyIds = new ArrayList<>();
      if (registerDefaultCredentials) {
        keyIds.add(AccountCredentials.DEFAULT.accessKeyId());
      }
      for (AccountCredentials c : credentials) {
        if (c == null) {
          problems.add("credentials must not contain null");
        } else if (keyIds.contains(c.accessKeyId())) {
          problems.add(
              "access key '"
                  + c.accessKeyId()
                  + "' is registered twice; give each account its own key");
        } else {
          keyIds.add(c.accessKeyId());
        }
      }
      if (!problems.isEmpty()) {
        throw new LocalAwsConfigException(
            "Invalid local-aws configuration: " + String.join("; ", problems));
      }
      return new LocalAwsConfig(this);
    }
  }
}
