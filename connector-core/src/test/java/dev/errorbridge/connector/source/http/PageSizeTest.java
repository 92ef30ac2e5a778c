package dev.errorbridge.connector.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.Platform;
import dev.errorbridge.connector.source.SourceResponseTooLargeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageSizeTest {

  @Test
  void smallerDivisor_whenShrinking_keepsEverySizeADivisorOfTheOneBefore() {
    List<Integer> sizes = new ArrayList<>(List.of(100));
    while (sizes.get(sizes.size() - 1) > 1) {
      sizes.add(PageSize.smallerDivisor(sizes.get(sizes.size() - 1)));
    }

    assertThat(sizes).containsExactly(100, 50, 25, 5, 1);
    assertThat(PageSize.smallerDivisor(7)).isEqualTo(1);
    assertThat(PageSize.smallerDivisor(500)).isEqualTo(250);
  }

  @Test
  void read_whenPagesAreTooLarge_shrinksUntilOneReadsAndGivesUpAtOneRow() {
    PageSize size = new PageSize(4, "c", "GET /list");
    List<Integer> asked = new ArrayList<>();

    JsonFields page = size.read(0, limit -> answer(asked, limit, 2));
    JsonFields none = new PageSize(4, "c", "GET /list").read(0, limit -> answer(asked, limit, 0));

    assertThat(page).isSameAs(PAGE);
    assertThat(size.current()).isEqualTo(2);
    assertThat(none).isNull();
    assertThat(asked).containsExactly(4, 2, 4, 2, 1);
  }

  @Test
  void read_whenRowsReadAreAWholeNumberOfLargerPages_growsBackTowardsTheConfiguredSize() {
    PageSize size = new PageSize(4, "c", "GET /list");
    size.read(0, limit -> answer(new ArrayList<>(), limit, 1));

    size.read(1, limit -> PAGE); // 1 row read: a page of 2 would not start on a page boundary
    int afterOne = size.current();
    size.read(2, limit -> PAGE);
    int afterTwo = size.current();
    size.read(4, limit -> PAGE);

    assertThat(afterOne).isEqualTo(1);
    assertThat(afterTwo).isEqualTo(2);
    assertThat(size.current()).isEqualTo(4);
  }

  @Test
  void lowerMaximum_whenThePlatformRefusesTheSize_halvesItDownToTheFloor() {
    PageSize size = new PageSize(50, "c", "GET /logs");

    assertThat(size.lowerMaximum(10)).isTrue();
    assertThat(size.current()).isEqualTo(25);
    size.lowerMaximum(10);
    size.read(0, limit -> PAGE);

    assertThat(size.current()).isEqualTo(12);
    assertThat(size.lowerMaximum(10)).isTrue();
    assertThat(size.current()).isEqualTo(10);
    assertThat(size.lowerMaximum(10)).isFalse();
  }

  private static final JsonFields PAGE =
      JsonFields.root(
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
          new Origin(Platform.DIFY, "c", "GET /list"));

  /** Too large above {@code fits} rows; {@link #PAGE} at or below it. */
  private static JsonFields answer(List<Integer> asked, int limit, int fits) {
    asked.add(limit);
    if (limit > fits) {
      throw new SourceResponseTooLargeException(
          Platform.DIFY, "c", "GET /list", SourceHttpClient.MAX_BODY_BYTES, "this request");
    }
    return PAGE;
  }
}
