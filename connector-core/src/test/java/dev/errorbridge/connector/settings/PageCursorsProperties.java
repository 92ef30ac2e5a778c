package dev.errorbridge.connector.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errorbridge.connector.store.PageCursorInvalidException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

/**
 * Page cursors are opaque, tamper-evident and bound: a cursor opens only for the tenant and listing
 * it was sealed for, any change to it is refused, and no string a client makes up opens.
 */
class PageCursorsProperties {
  private final PageCursors cursors = new PageCursors(PageCursorKey.random());

  @Property(tries = 500)
  void open_forASealedCursor_givesBackTheStoreCursor(
      @ForAll @NotBlank @StringLength(max = 40) String tenant,
      @ForAll("storeCursors") String storeCursor) {
    String sealed = cursors.seal(tenant, "connections", storeCursor);

    assertThat(sealed).matches("[A-Za-z0-9_.-]+");
    assertThat(cursors.open(tenant, "connections", sealed)).isEqualTo(storeCursor);
  }

  @Property(tries = 500)
  void open_forAnotherTenantOrListing_refuses(
      @ForAll @NotBlank @StringLength(max = 40) String tenant,
      @ForAll @NotBlank @StringLength(max = 40) String other,
      @ForAll("storeCursors") String storeCursor) {
    String sealed = cursors.seal(tenant, "connections", storeCursor);

    if (!other.equals(tenant)) {
      assertThatThrownBy(() -> cursors.open(other, "connections", sealed))
          .isInstanceOf(PageCursorInvalidException.class);
    }
    assertThatThrownBy(() -> cursors.open(tenant, "dead-letters", sealed))
        .isInstanceOf(PageCursorInvalidException.class);
  }

  @Property(tries = 500)
  void open_whenAnyCharacterChanged_refuses(
      @ForAll("storeCursors") String storeCursor,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll("cursorChars") char replacement) {
    String sealed = cursors.seal("tenant-a", "connections", storeCursor);
    int at = position % sealed.length();
    String altered = sealed.substring(0, at) + replacement + sealed.substring(at + 1);

    if (!altered.equals(sealed)) {
      try {
        String opened = cursors.open("tenant-a", "connections", altered);
        // Base64 padding bits: a change that decodes to the same bytes is the same cursor.
        assertThat(opened).isEqualTo(storeCursor);
      } catch (PageCursorInvalidException refused) {
        assertThat(refused.getMessage()).contains("nextCursor");
      }
    }
  }

  @Property(tries = 1000)
  void open_forAnyMadeUpString_refusesAndNeverThrowsAnythingElse(@ForAll("madeUp") String cursor) {
    assertThatThrownBy(() -> cursors.open("tenant-a", "connections", cursor))
        .isInstanceOf(PageCursorInvalidException.class);
  }

  /** What stores hand out: text (base64 JSON in practice), never unpaired surrogates. */
  @Provide
  Arbitrary<String> storeCursors() {
    return Arbitraries.strings().ascii().withCharRange('\u00a0', '\ud7ff').ofMaxLength(300);
  }

  @Provide
  Arbitrary<Character> cursorChars() {
    return Arbitraries.chars().with("ABCXYZabcxyz0189-_.=");
  }

  @Provide
  Arbitrary<String> madeUp() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars("ABCabc0189-_.").ofMaxLength(300),
        Arbitraries.strings()
            .withChars("ABCabc0189-_")
            .ofMinLength(1)
            .ofMaxLength(100)
            .map(p -> p + "." + "A".repeat(43)),
        Arbitraries.strings().ofLength(PageCursors.MAX_LENGTH + 1));
  }
}
