package dev.errorbridge.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The context {@code cdk.json} gives the CDK CLI (feature flags), for apps run without the CLI. */
final class CdkJson {

  static final Path FILE = Path.of("cdk.json");

  private CdkJson() {}

  /**
   * The {@code context} object of {@code cdk.json}, plus what the CLI adds to it: version reporting
   * as {@code cdk.json} says, and construct path and asset metadata on every resource (the CLI's
   * defaults, which the tests use to name resources by construct path).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> context() {
    try {
      Map<String, Object> json = new ObjectMapper().readValue(FILE.toFile(), Map.class);
      Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) json.get("context"));
      context.put("aws:cdk:version-reporting", json.getOrDefault("versionReporting", true));
      context.put("aws:cdk:enable-path-metadata", true);
      context.put("aws:cdk:enable-asset-metadata", true);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
    }
  }
}
