package dev.errorbridge.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.Outcome;
import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.connection.Connection;
import dev.errorbridge.connector.connection.ConnectionSource;
import dev.errorbridge.connector.secrets.EncryptedSecret;
import dev.errorbridge.connector.secrets.SecretCipher;
import dev.errorbridge.connector.secrets.SecretPurpose;
import dev.errorbridge.connector.secrets.SecretRef;
import dev.errorbridge.connector.secrets.SecretValue;
import dev.errorbridge.connector.source.FailureSource;
import dev.errorbridge.connector.source.PendingRun;
import dev.errorbridge.connector.source.RecheckResult;
import dev.errorbridge.connector.source.ScanListener;
import dev.errorbridge.connector.source.ScanRequest;
import dev.errorbridge.connector.source.ScanResult;
import dev.errorbridge.connector.source.SourceConnection;
import dev.errorbridge.connector.source.SourceConnectionInvalidException;
import dev.errorbridge.connector.testing.TestConnections;
import dev.errorbridge.connector.time.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PollSourcesTest {
  private final List<SecretRef> decrypted = new ArrayList<>();
  private final List<SourceConnection> built = new ArrayList<>();
  private final PollSources sources = new PollSources(this::source, cipher());
  private final AtomicLong ticker = new AtomicLong();

  @Test
  void lease_whenTheSettingsVersionIsUnchanged_reusesTheSourceAndDecryptsOnce() {
    Connection connection = connection(1, Map.of("appId", "app-1", "pollInterval", "PT5M"));

    FailureSource first;
    try (PollSources.Lease lease = sources.tryAcquire(connection)) {
      first = lease.source();
    }
    FailureSource second;
    try (PollSources.Lease lease = sources.tryAcquire(connection)) {
      second = lease.source();
    }

    assertThat(second).isSameAs(first);
    assertThat(decrypted)
        .containsExactly(new SecretRef("tenant-a", "c-1", SecretPurpose.PLATFORM_API_KEY));
    SourceConnection settings = built.get(0);
    assertThat(settings.apiKey().reveal()).isEqualTo("plain:app-key");
    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.dify.ai/v1"));
    assertThat(settings.lookback()).isEqualTo(SourceConnection.DEFAULT_LOOKBACK);
  }

  @Test
  void lease_whenTheSettingsVersionChangesOrTheSourceIsForgotten_buildsANewOne() {
    FailureSource first = sourceOf(connection(1, Map.of("appId", "app-1")));
    FailureSource newVersion =
        sourceOf(connection(2, Map.of("appId", "app-1", "lookback", "PT2H")));
    sources.forget("c-1");
    FailureSource forgotten = sourceOf(connection(2, Map.of("appId", "app-1")));

    assertThat(newVersion).isNotSameAs(first);
    assertThat(forgotten).isNotSameAs(newVersion);
    assertThat(built.get(1).lookback()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void tryAcquire_whileAnotherLeaseIsOpen_returnsNullUntilItCloses() {
    Connection connection = connection(1, Map.of("appId", "app-1"));

    try (PollSources.Lease held = sources.tryAcquire(connection)) {
      assertThat(held).isNotNull();
      assertThat(sources.tryAcquire(connection)).isNull();
    }
    try (PollSources.Lease again = sources.tryAcquire(connection)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void source_whenTheOptionsAreInvalid_throwsBeforeDecryptingAndReleasesOnClose() {
    Connection connection = connection(1, Map.of("appId", "app-1", "colour", "blue"));

    try (PollSources.Lease lease = sources.tryAcquire(connection)) {
      assertThatThrownBy(lease::source)
          .isInstanceOf(SourceConnectionInvalidException.class)
          .hasMessageContaining("unknown option colour");
    }
    assertThat(decrypted).isEmpty();
    assertThat(sources.tryAcquire(connection)).isNotNull();
  }

  @Test
  void tryAcquire_whileALeaseIsHeldAndManyConnectionsChurnThroughATinyCache_staysRefused() {
    PollSources tiny = new PollSources(this::source, cipher(), 2, Duration.ofHours(1), ticker::get);
    Connection busy = connection("c-busy", 1);

    try (PollSources.Lease held = tiny.tryAcquire(busy)) {
      held.source();
      // Others used more often than c-busy (a cache would pick it as the victim), and a backfill
      // holding it longer than the idle spell: neither may free the connection.
      for (int i = 0; i < 50; i++) {
        for (int use = 0; use < 5; use++) {
          sourceOf(tiny, connection("c-" + i, 1));
        }
      }
      ticker.addAndGet(Duration.ofHours(3).toNanos());
      sourceOf(tiny, connection("c-last", 1));

      assertThat(tiny.idleSlots()).isLessThanOrEqualTo(2);
      assertThat(tiny.tryAcquire(busy)).as("a second lease while the first is held").isNull();
    }
    assertThat(tiny.tryAcquire(busy)).isNotNull();
  }

  @Test
  void tryAcquire_whenThreadsRaceForOneConnectionWhileOthersChurn_neverGrantsTwoLeases()
      throws Exception {
    PollSources tiny =
        new PollSources(
            settings -> source(settings), cipher(), 2, Duration.ofHours(1), ticker::get);
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger granted = new AtomicInteger();
    Connection contested = connection("c-contested", 1);
    List<Callable<Void>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int worker = w;
      workers.add(
          () -> {
            for (int i = 0; i < 2_000; i++) {
              try (PollSources.Lease lease = tiny.tryAcquire(contested)) {
                if (lease != null) {
                  granted.incrementAndGet();
                  if (holders.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                  }
                  tiny.tryAcquire(connection("c-" + worker + "-" + i, 1)).close(); // churn
                  holders.decrementAndGet();
                }
              }
            }
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<Void> done : pool.invokeAll(workers)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(overlaps).hasValue(0);
    assertThat(granted.get()).isPositive();
    assertThat(tiny.idleSlots()).isLessThanOrEqualTo(2);
  }

  @Test
  void lease_whenTheSlotWasIdleLongerThanTheIdleSpell_buildsAndDecryptsAgain() {
    PollSources expiring =
        new PollSources(this::source, cipher(), 100, Duration.ofHours(1), ticker::get);
    Connection connection = connection(1, Map.of("appId", "app-1"));
    FailureSource first = sourceOf(expiring, connection);

    ticker.addAndGet(Duration.ofMinutes(59).toNanos());
    FailureSource withinTheSpell = sourceOf(expiring, connection);
    ticker.addAndGet(Duration.ofMinutes(61).toNanos());
    assertThat(expiring.idleSlots()).isZero();
    FailureSource afterIt = sourceOf(expiring, connection);

    assertThat(withinTheSpell).isSameAs(first);
    assertThat(afterIt).isNotSameAs(first);
    assertThat(decrypted).hasSize(2);
  }

  @Test
  void lease_whenTheCacheIsFull_keepsAtMostItsBoundOfSourcesAndRebuildsTheEvicted() {
    PollSources tiny = new PollSources(this::source, cipher(), 3, Duration.ofHours(1), ticker::get);

    for (int i = 0; i < 50; i++) {
      sourceOf(tiny, connection("c-" + i, 1));
    }

    assertThat(tiny.idleSlots()).isLessThanOrEqualTo(3);
    int before = decrypted.size();
    for (int i = 0; i < 50; i++) {
      sourceOf(tiny, connection("c-" + i, 1));
    }
    assertThat(decrypted.size() - before).as("sources rebuilt after eviction").isGreaterThan(40);
  }

  @Test
  void forget_whenTheSlotIsIdleOrHeld_keepsNothingOfTheConnection() {
    Connection idleOne = connection("c-idle", 1);
    Connection heldOne = connection("c-held", 1);
    sourceOf(idleOne);

    sources.forget("c-idle");
    try (PollSources.Lease held = sources.tryAcquire(heldOne)) {
      held.source();
      sources.forget("c-held");
      assertThat(sources.tryAcquire(heldOne)).isNull();
    }

    assertThat(sources.idleSlots()).isZero();
  }

  private static FailureSource sourceOf(PollSources from, Connection connection) {
    try (PollSources.Lease lease = from.tryAcquire(connection)) {
      return lease.source();
    }
  }

  private FailureSource sourceOf(Connection connection) {
    try (PollSources.Lease lease = sources.tryAcquire(connection)) {
      return lease.source();
    }
  }

  private FailureSource source(SourceConnection settings) {
    built.add(settings);
    return new FailureSource() {
      @Override
      public Platform platform() {
        return settings.platform();
      }

      @Override
      public SourceConnection connection() {
        return settings;
      }

      @Override
      public ScanResult scan(ScanRequest request, ScanListener listener) {
        return new ScanResult(true, 0, 0, 0, 0, null);
      }

      @Override
      public RecheckResult recheck(PendingRun run, Set<Outcome> outcomes, Deadline deadline) {
        return new RecheckResult.NotFound();
      }
    };
  }

  private SecretCipher cipher() {
    return new SecretCipher() {
      @Override
      public EncryptedSecret encrypt(SecretRef ref, SecretValue secret) {
        throw new UnsupportedOperationException();
      }

      @Override
      public SecretValue decrypt(SecretRef ref, EncryptedSecret encrypted) {
        decrypted.add(ref);
        return SecretValue.of(
            "plain:" + new String(encrypted.ciphertext(), java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public EncryptedSecret reencrypt(SecretRef ref, EncryptedSecret encrypted) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void invalidate(String tenantId, String connectionId) {}
    };
  }

  private static Connection connection(String id, long version) {
    return connection(id, version, Map.of("appId", "app-1"));
  }

  private static Connection connection(long version, Map<String, String> options) {
    return connection("c-1", version, options);
  }

  private static Connection connection(String id, long version, Map<String, String> options) {
    Connection c = TestConnections.dify("tenant-a", id);
    ConnectionSource s = c.source();
    return new Connection(
        c.id(),
        c.tenantId(),
        c.name(),
        c.enabled(),
        new ConnectionSource(
            s.platform(), s.baseUrl(), s.apiKey(), s.outcomes(), s.workflowIds(), options),
        c.webhook(),
        c.destination(),
        c.mapping(),
        c.health(),
        c.createdAt(),
        c.updatedAt(),
        version);
  }
}
