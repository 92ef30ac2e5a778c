package dev.errorbridge.connector.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one rule for connection ids: never throws, and admits only ids a store key can hold. */
class ConnectionIdsProperties {
  @Property(tries = 2000)
  void valid_forAnyString_admitsOnlyShortUrlSafeIds(@ForAll("ids") String id) {
    boolean valid = ConnectionIds.valid(id);

    if (valid) {
      assertThat(id).hasSizeBetween(1, 128).matches("[A-Za-z0-9][A-Za-z0-9._-]*");
    }
  }

  @Property(tries = 200)
  void valid_forGeneratedIds_admitsThem(@ForAll("generated") String id) {
    assertThat(ConnectionIds.valid(id)).isTrue();
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("aZ09._-/%\u00fc ").ofMaxLength(140),
        Arbitraries.of("", ".", "..", "-x", "c".repeat(128), "c".repeat(129), "cn_1\u0000"));
  }

  @Provide
  Arbitrary<String> generated() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(20).map(h -> "cn_" + h);
  }
}
