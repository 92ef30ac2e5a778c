package dev.errorbridge.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errorbridge.connector.platform.registry.PlatformRegistry;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the settings page's sources must never do, read from the sources themselves: the browser
 * tests show what the page does, this shows what it cannot do on any path they did not take.
 */
class PageScriptsTest {
  static final Map<String, String> SCRIPTS = PageFiles.read(".js");

  @Test
  void scripts_whenRead_neverParseValuesAsMarkupOrCode() {
    assertThat(SCRIPTS).isNotEmpty();
    SCRIPTS.forEach(
        (file, source) ->
            assertThat(source)
                .as(file)
                .doesNotContain("innerHTML")
                .doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write")
                .doesNotContain("eval(")
                .doesNotContain("new Function")
                .doesNotContain("DOMParser"));
  }

  @Test
  void platforms_whenRead_offerEveryRegisteredPlatformWithItsFormAndName() {
    Set<String> registered = new LinkedHashSet<>(PlatformRegistry.builtIn().ids());

    // The page is static: a platform added to the registry must be added to its two lists too.
    assertThat(objectKeys(SCRIPTS.get("format.js"), "PLATFORMS"))
        .containsExactlyInAnyOrderElementsOf(registered);
    assertThat(objectKeys(SCRIPTS.get("platforms.js"), "PLATFORMS"))
        .containsExactlyInAnyOrderElementsOf(registered);
  }

  /** The top-level keys of {@code export const name = { key: …, … };} in a page script. */
  private static Set<String> objectKeys(String source, String name) {
    int start = source.indexOf("export const " + name + " = {");
    assertThat(start).as("export const %s", name).isNotNegative();
    int end = source.indexOf("\n};", start);
    Matcher key =
        Pattern.compile("^  (\\w+): ", Pattern.MULTILINE).matcher(source.substring(start, end));
    Set<String> keys = new LinkedHashSet<>();
    while (key.find()) {
      keys.add(key.group(1));
    }
    return keys;
  }

  @Test
  void token_whenRead_isKeptOnlyInSessionStorageAndSentOnlyAsTheAuthorizationHeader() {
    SCRIPTS.forEach(
        (file, source) -> {
          // Nothing that persists beyond the tab, and no way into a URL or a log.
          assertThat(source)
              .as(file)
              .doesNotContain("localStorage")
              .doesNotContain("document.cookie")
              .doesNotContain("indexedDB")
              .doesNotContain("console.")
              .doesNotContain("pushState")
              .doesNotContain("replaceState")
              .doesNotContain("URLSearchParams")
              .doesNotContain("location.search");
          if (!file.equals("session.js")) {
            assertThat(source).as(file).doesNotContain("sessionStorage");
          }
          if (!file.equals("api.js")) {
            assertThat(source).as(file).doesNotContain("session.token(").doesNotContain("Bearer");
          }
        });
    String api = SCRIPTS.get("api.js");
    assertThat(occurrences(api, "session.token()")).isEqualTo(1);
    assertThat(occurrences(api, "Bearer")).isEqualTo(1);
    // The one place the token goes: the Authorization header, built in headers().
    Matcher header = Pattern.compile("Authorization: `Bearer \\$\\{(\\w+)}`").matcher(api);
    assertThat(header.find()).isTrue();
    assertThat(api).contains("const " + header.group(1) + " = bearer ?? session.token();");
    assertThat(occurrences(api, header.group(1))).isEqualTo(3); // declared, checked, sent
    assertThat(api).contains("credentials: 'omit'").contains("referrerPolicy: 'no-referrer'");
  }

  @Test
  void indexHtml_whenRead_hasNoInlineScriptOrStyle() {
    String html = PageFiles.read(".html").get("index.html");
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style");
    assertThat(html).doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
  }

  @Test
  void stylesAndPage_whenRead_loadNothingFromAnotherOrigin() {
    PageFiles.read(".css")
        .forEach(
            (file, css) ->
                assertThat(css).as(file).doesNotContain("@import").doesNotContainPattern("url\\("));
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
