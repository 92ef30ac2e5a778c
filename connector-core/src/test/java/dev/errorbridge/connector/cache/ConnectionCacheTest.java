package dev.errorbridge.connector.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<String> evicted = new ArrayList<>();
  private final ConnectionCache<String> cache =
      ConnectionCache.<String>builder()
          .maxConnections(3)
          .idle(Duration.ofMinutes(10))
          .ticker(nanos::get)
          .onEviction((id, value) -> evicted.add(id + "=" + value))
          .build();

  @Test
  void get_whenIdleLongerThanTheSpell_forgetsTheValueAndHandsItToTheCallback() {
    cache.put("c-1", "v1");
    nanos.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(cache.get("c-1")).isEqualTo("v1"); // a read restarts the idle spell

    nanos.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(cache.get("c-1")).isEqualTo("v1");
    nanos.addAndGet(Duration.ofMinutes(10).toNanos());

    assertThat(cache.get("c-1")).isNull();
    cache.cleanUp();
    assertThat(evicted).containsExactly("c-1=v1");
  }

  @Test
  void put_whenMoreConnectionsThanTheBound_keepsTheBoundAndHandsTheRestToTheCallback() {
    for (int i = 0; i < 20; i++) {
      cache.put("c-" + i, "v" + i);
    }

    assertThat(cache.size()).isEqualTo(3);
    assertThat(evicted).hasSize(17);
  }

  @Test
  void invalidateRemoveAndReplace_whenTheCallerTakesTheValue_doNotCallTheCallback() {
    cache.put("c-1", "v1");
    cache.put("c-2", "v2");
    cache.put("c-3", "v3");

    cache.invalidate("c-1");
    assertThat(cache.remove("c-2")).isEqualTo("v2");
    cache.put("c-3", "v3b");
    cache.compute("c-3", (id, v) -> v + "c");
    Map<String, String> rest = cache.removeAll();

    assertThat(rest).containsExactly(Map.entry("c-3", "v3bc"));
    assertThat(cache.size()).isZero();
    assertThat(evicted).isEmpty();
  }

  @Test
  void build_whenSettingsAreInvalid_namesEveryOne() {
    assertThatThrownBy(() -> ConnectionCache.<String>builder().maxConnections(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConnections must be 0 or more")
        .hasMessageContaining("idle is required");
  }
}
