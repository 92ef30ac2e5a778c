package dev.errorbridge.connector;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Where a failed execution came from: a platform's id, as it appears in events ({@code
 * errorbridge.<id>}), in settings and in the API documents. A value, not a list: which platforms
 * exist is the platform registry's business ({@code platform.registry.PlatformRegistry}), so that a
 * new platform is one new package and one registry line.
 *
 * <p>The constants name the built-in platforms, so that code and tests written against them read
 * the same as before; a new platform declares its own ({@code Platform.of("n8n")}) in its package.
 */
public final class Platform {
  /** Lower-case letters and digits, starting with a letter: safe in event sources and URLs. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9]{0,31}");

  // One instance per id, so == compares platforms as it did when this was an enum. Ids are few.
  private static final ConcurrentMap<String, Platform> INSTANCES = new ConcurrentHashMap<>();

  public static final Platform ALLOY = of("alloy");
  public static final Platform DIFY = of("dify");
  public static final Platform TRIGIFY = of("trigify");
  public static final Platform RUNFLOW = of("runflow");

  /** Any platform wired through the generic signed webhook. */
  public static final Platform WEBHOOK = of("webhook");

  private final String id;
  // Computed once: the upper-case name is what messages and older stored documents show.
  private final String name;

  private Platform(String id) {
    this.id = id;
    this.name = id.toUpperCase(Locale.ROOT);
  }

  /**
   * The platform with id {@code id}.
   *
   * @throws IllegalArgumentException when {@code id} is not 1 to 32 lower-case letters and digits
   *     starting with a letter
   */
  public static Platform of(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "platform id must be 1 to 32 lower-case letters and digits starting with a letter, e.g."
              + " dify");
    }
    return INSTANCES.computeIfAbsent(id, Platform::new);
  }

  /**
   * The platform named {@code name} in any case, e.g. {@code ALLOY}: how connection documents
   * written while this was an enum name their platform.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid id in any case
   */
  public static Platform valueOf(String name) {
    Objects.requireNonNull(name, "name");
    return of(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The lower-case id used in event sources, event details and configuration, e.g. {@code dify}.
   */
  public String id() {
    return id;
  }

  /** The upper-case name, e.g. {@code DIFY}. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Platform other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** The upper-case name, as messages have always shown a platform. */
  @Override
  public String toString() {
    return name;
  }
}
