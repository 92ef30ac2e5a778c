package dev.errorbridge.connector.webhook.spi;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.inbound.ConnectionIds;
import dev.errorbridge.connector.secrets.SecretValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one connection's webhook endpoint authenticates and reads requests. Immutable; {@link
 * #builder()} validates every setting together and reports all problems at once. {@link
 * #toString()} never shows a secret.
 *
 * <p>What the secrets are depends on the platform:
 *
 * <ul>
 *   <li>{@link Platform#RUNFLOW}: the callback signing secrets ({@code whsec_…}) of {@code
 *       Runflow-Signature};
 *   <li>{@link Platform#ALLOY}: the token Alloy presents in {@code X-Errorbridge-Token} or the
 *       {@code token} query parameter (Alloy's own signing is undocumented; see {@link
 *       AlloySignatureKey});
 *   <li>{@link Platform#WEBHOOK} (generic): the HMAC keys of {@code X-Errorbridge-Signature}.
 * </ul>
 *
 * During a rotation both the current and the previous secret are accepted.
 *
 * <pre>{@code
 * WebhookSettings settings = WebhookSettings.builder()
 *     .tenantId("tnt_01JD6W3Q9ZK4")
 *     .connectionId("conn_runflow_9e57")
 *     .platform(Platform.RUNFLOW)
 *     .secret(current)
 *     .previousSecret(previous)
 *     .build();
 * }</pre>
 */
public final class WebhookSettings {
  /**
   * Connection ids as they appear in {@code /webhooks/{connectionId}}: the one rule of {@link
   * ConnectionIds}, a letter or digit, then up to 127 letters, digits, {@code .}, {@code _} or
   * {@code -}.
   */
  public static final Pattern CONNECTION_ID = ConnectionIds.PATTERN;

  /** Shorter secrets can be guessed or brute-forced offline from one signed request. */
  public static final int MIN_SECRET_LENGTH = 16;

  /** How far a generic webhook's signed timestamp may be from the receiver's clock (Stripe's). */
  public static final Duration DEFAULT_SIGNATURE_TOLERANCE = Duration.ofMinutes(5);

  public static final Duration MAX_SIGNATURE_TOLERANCE = Duration.ofHours(1);

  private final String tenantId;
  private final String connectionId;
  private final Platform platform;
  private final List<SecretValue> secrets;
  private final Duration signatureTolerance;
  private final WebhookFieldMapping fieldMapping;
  private final WebhookRateLimit rateLimit;
  private final AlloySignatureKey alloySignature;
  private final Connection storedConnection;

  private WebhookSettings(Builder b) {
    this.tenantId = b.tenantId;
    this.connectionId = b.connectionId;
    this.platform = b.platform;
    this.secrets =
        b.previousSecret == null ? List.of(b.secret) : List.of(b.secret, b.previousSecret);
    this.signatureTolerance = b.signatureTolerance;
    this.fieldMapping = b.fieldMapping;
    this.rateLimit = b.rateLimit;
    this.alloySignature = b.alloySignature;
    this.storedConnection = b.storedConnection;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String tenantId() {
    return tenantId;
  }

  public String connectionId() {
    return connectionId;
  }

  public Platform platform() {
    return platform;
  }

  /** The accepted secrets: the current one first, then the previous one during a rotation. */
  public List<SecretValue> secrets() {
    return secrets;
  }

  /** How far a generic webhook's signed timestamp may be from now, either way. */
  public Duration signatureTolerance() {
    return signatureTolerance;
  }

  /** Where a generic webhook's fields are; {@code null} for other platforms. */
  public WebhookFieldMapping fieldMapping() {
    return fieldMapping;
  }

  public WebhookRateLimit rateLimit() {
    return rateLimit;
  }

  /** The key for {@code X-Alloy-Signature}, or {@code null} when none is configured. */
  public AlloySignatureKey alloySignature() {
    return alloySignature;
  }

  /**
   * The stored connection these settings were read from, when the lookup read one: the intake
   * delivers with it instead of reading the connection a second time.
   */
  public Optional<Connection> storedConnection() {
    return Optional.ofNullable(storedConnection);
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.tenantId = tenantId;
    b.connectionId = connectionId;
    b.platform = platform;
    b.secret = secrets.get(0);
    b.previousSecret = secrets.size() > 1 ? secrets.get(1) : null;
    b.signatureTolerance = signatureTolerance;
    b.fieldMapping = fieldMapping;
    b.rateLimit = rateLimit;
    b.alloySignature = alloySignature;
    b.storedConnection = storedConnection;
    return b;
  }

  @Override
  public String toString() {
    // Secrets print as masks anyway; only their count is of any use here.
    return "WebhookSettings[tenantId="
        + tenantId
        + ", connectionId="
        + connectionId
        + ", platform="
        + platform
        + ", secrets="
        + secrets.size()
        + ", signatureTolerance="
        + signatureTolerance
        + ", fieldMapping="
        + fieldMapping
        + ", rateLimit="
        + rateLimit
        + ", alloySignature="
        + (alloySignature == null ? "none" : alloySignature.publicKey().getAlgorithm())
        + "]";
  }

  /** Builds {@link WebhookSettings}. */
  public static final class Builder {
    private String tenantId;
    private String connectionId;
    private Platform platform;
    private SecretValue secret;
    private SecretValue previousSecret;
    private Duration signatureTolerance = DEFAULT_SIGNATURE_TOLERANCE;
    private WebhookFieldMapping fieldMapping;
    private WebhookRateLimit rateLimit = WebhookRateLimit.DEFAULT;
    private AlloySignatureKey alloySignature;
    private Connection storedConnection;

    private Builder() {}

    /** The Errorbridge tenant that owns the connection. */
    public Builder tenantId(String value) {
      this.tenantId = value;
      return this;
    }

    /** The connection, as it appears in the endpoint's path. */
    public Builder connectionId(String value) {
      this.connectionId = value;
      return this;
    }

    /** Alloy, Runflow, or the generic webhook. */
    public Builder platform(Platform value) {
      this.platform = value;
      return this;
    }

    /** The current secret (at least {@value #MIN_SECRET_LENGTH} characters). */
    public Builder secret(SecretValue value) {
      this.secret = value;
      return this;
    }

    /** The secret being rotated out, accepted until it is removed; {@code null} for none. */
    public Builder previousSecret(SecretValue value) {
      this.previousSecret = value;
      return this;
    }

    /** The generic webhook's timestamp tolerance, 1 s to 1 h. */
    public Builder signatureTolerance(Duration value) {
      this.signatureTolerance = value;
      return this;
    }

    /** The generic webhook's field mapping (required for it, refused for other platforms). */
    public Builder fieldMapping(WebhookFieldMapping value) {
      this.fieldMapping = value;
      return this;
    }

    public Builder rateLimit(WebhookRateLimit value) {
      this.rateLimit = value;
      return this;
    }

    /** Alloy only: also check {@code X-Alloy-Signature} with this key. */
    public Builder alloySignature(AlloySignatureKey value) {
      this.alloySignature = value;
      return this;
    }

    /** The stored connection the settings come from; optional. */
    public Builder storedConnection(Connection value) {
      this.storedConnection = value;
      return this;
    }

    /**
     * @throws WebhookConfigInvalidException listing every invalid setting
     */
    public WebhookSettings build() {
      SettingProblems problems = new SettingProblems();
      problems.check(SettingProblems.present(tenantId), "tenantId is required");
      problems.check(
          connectionId != null && CONNECTION_ID.matcher(connectionId).matches(),
          "connectionId is required: a letter or digit, then up to 127 letters, digits, '.', '_'"
              + " or '-'");
      // Which platforms push is the registry's; StoreWebhookConnections asks it first.
      problems.check(platform != null, "platform is required: one of the platforms that push");
      checkSecret(secret, "secret", true, problems);
      checkSecret(previousSecret, "previousSecret", false, problems);
      problems.check(
          SettingProblems.within(
              signatureTolerance, Duration.ofSeconds(1), MAX_SIGNATURE_TOLERANCE),
          "signatureTolerance must be between PT1S and PT1H, e.g. PT5M");
      problems.check(
          platform != Platform.WEBHOOK || fieldMapping != null,
          "fieldMapping is required for the generic webhook platform");
      problems.check(
          platform == Platform.WEBHOOK || fieldMapping == null,
          "fieldMapping applies only to the generic webhook platform");
      problems.check(
          rateLimit != null, "rateLimit is required (WebhookRateLimit.DEFAULT if unsure)");
      problems.check(
          platform == Platform.ALLOY || alloySignature == null,
          "alloySignature applies only to the Alloy platform");
      problems.throwIfAny(WebhookConfigInvalidException::new);
      return new WebhookSettings(this);
    }

    private static void checkSecret(
        SecretValue value, String name, boolean required, SettingProblems problems) {
      if (value == null) {
        problems.check(!required, name + " is required");
      } else {
        problems.check(
            value.reveal().length() >= MIN_SECRET_LENGTH,
            name + " must be at least " + MIN_SECRET_LENGTH + " characters");
      }
    }
  }
}
