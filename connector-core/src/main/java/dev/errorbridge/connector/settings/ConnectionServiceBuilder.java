package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.SettingProblems;
import dev.errorbridge.connector.audit.AuditLog;
import dev.errorbridge.connector.connection.ConnectionDestinations;
import dev.errorbridge.connector.connection.ConnectionStore;
import dev.errorbridge.connector.credentials.ExternalIds;
import dev.errorbridge.connector.partner.PartnerSourceLifecycle;
import dev.errorbridge.connector.secrets.SecretCipher;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Builds a {@link ConnectionService}; {@link #build()} reports every missing part at once. */
public final class ConnectionServiceBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();

  ConnectionStore store;
  SecretCipher cipher;
  ConnectionTester tester;
  ConnectionDestinations destinations;
  AuditLog audit;
  BaseUrlPolicy baseUrlPolicy = BaseUrlPolicy.strict();
  DestinationPolicy destinationPolicy = DestinationPolicy.unrestricted();
  Supplier<String> connectionIds = () -> "cn_" + random(10);
  Supplier<String> externalIds = ExternalIds::generate;
  Consumer<String> onCredentialsChanged = id -> {};
  Clock clock = Clock.systemUTC();
  PageCursorKey pageCursorKey;
  PartnerSourceLifecycle partnerSources = PartnerSourceLifecycle.none();

  ConnectionServiceBuilder() {}

  public ConnectionServiceBuilder store(ConnectionStore store) {
    this.store = store;
    return this;
  }

  public ConnectionServiceBuilder cipher(SecretCipher cipher) {
    this.cipher = cipher;
    return this;
  }

  public ConnectionServiceBuilder tester(ConnectionTester tester) {
    this.tester = tester;
    return this;
  }

  public ConnectionServiceBuilder destinations(ConnectionDestinations destinations) {
    this.destinations = destinations;
    return this;
  }

  /**
   * Creates, deletes and watches PARTNER_EVENT_SOURCE connections' sources; default none (partner
   * mode off). Give it with a {@link DestinationPolicy} whose partner mode is on.
   */
  public ConnectionServiceBuilder partnerSources(PartnerSourceLifecycle partnerSources) {
    this.partnerSources = partnerSources;
    return this;
  }

  public ConnectionServiceBuilder audit(AuditLog audit) {
    this.audit = audit;
    return this;
  }

  /** Which platform base URLs may be saved; {@link BaseUrlPolicy#strict()} by default. */
  public ConnectionServiceBuilder baseUrlPolicy(BaseUrlPolicy baseUrlPolicy) {
    this.baseUrlPolicy = baseUrlPolicy;
    return this;
  }

  /**
   * Which customer roles and AMBIENT buses this deployment's IAM permissions allow (see {@link
   * DestinationPolicy}); default {@link DestinationPolicy#unrestricted()}.
   */
  public ConnectionServiceBuilder destinationPolicy(DestinationPolicy destinationPolicy) {
    this.destinationPolicy = destinationPolicy;
    return this;
  }

  /** New connection ids; {@code cn_} and 20 random hex digits by default. */
  public ConnectionServiceBuilder connectionIds(Supplier<String> connectionIds) {
    this.connectionIds = connectionIds;
    return this;
  }

  /**
   * New External IDs for ASSUME_ROLE; {@link ExternalIds#generate()} by default (160 random bits),
   * so no customer can guess another's.
   */
  public ConnectionServiceBuilder externalIds(Supplier<String> externalIds) {
    this.externalIds = externalIds;
    return this;
  }

  /** Called with a connection id whenever its credentials or secrets change or it is deleted. */
  public ConnectionServiceBuilder onCredentialsChanged(Consumer<String> onCredentialsChanged) {
    this.onCredentialsChanged = onCredentialsChanged;
    return this;
  }

  public ConnectionServiceBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * The key page cursors are MAC'd with (see {@link PageCursors}); a random key for this process by
   * default, which suits one process only: processes serving the same API must share a key.
   */
  public ConnectionServiceBuilder pageCursorKey(PageCursorKey pageCursorKey) {
    this.pageCursorKey = pageCursorKey;
    return this;
  }

  /**
   * @throws IllegalStateException naming every missing part
   */
  public ConnectionService build() {
    SettingProblems missing = new SettingProblems();
    missing.check(store != null, "store (e.g. new DynamoDbConnectionStore(table))");
    missing.check(cipher != null, "cipher (e.g. a KmsSecretCipher)");
    missing.check(tester != null, "tester (a ConnectionTester)");
    missing.check(destinations != null, "destinations (a ConnectionDestinations)");
    missing.check(audit != null, "audit (an AuditLog)");
    missing.check(
        baseUrlPolicy != null
            && destinationPolicy != null
            && connectionIds != null
            && externalIds != null
            && clock != null,
        "baseUrlPolicy, destinationPolicy, connectionIds, externalIds and clock must not be null");
    missing.check(
        partnerSources != null,
        "partnerSources must not be null (PartnerSourceLifecycle.none() without it)");
    missing.check(onCredentialsChanged != null, "onCredentialsChanged must not be null");
    if (!missing.list().isEmpty()) {
      throw new IllegalStateException(
          "cannot build the connection service: " + String.join("; ", missing.list()));
    }
    if (pageCursorKey == null) {
      pageCursorKey = PageCursorKey.random();
    }
    return new ConnectionService(this);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value).toLowerCase(Locale.ROOT);
  }
}
