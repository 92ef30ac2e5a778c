package dev.errorbridge.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The templates the tests look at, synthesised once per test JVM: starting the CDK's JavaScript
 * runtime is most of a synthesis's ten-odd seconds, and it is paid once for all of them.
 *
 * <ul>
 *   <li>The deployable app exactly as {@code cdk synth} runs it ({@link ErrorbridgeApp#define},
 *       {@code cdk.json}'s context, every option at its default), written to {@code infra/cdk.out}:
 *       this is how the build leaves a synthesised cloud assembly behind. It uses the real {@code
 *       connector-lambda.jar} when that has been built, else a placeholder.
 *   <li>A stack with every option set ({@link #CONFIGURED}), under {@code target/}.
 * </ul>
 */
final class Synthesized {

  /** Where {@code cdk synth} (and so the build) writes the cloud assembly. */
  static final Path CDK_OUT = Path.of("cdk.out");

  /** Every option set to something other than its default. */
  static final Map<String, Object> CONFIGURED =
      Map.ofEntries(
          Map.entry(ErrorbridgeProps.NAME_PREFIX, "acme-eb"),
          Map.entry(ErrorbridgeProps.WEBHOOK_DOMAIN, "Hooks.Example.com"),
          Map.entry(
              ErrorbridgeProps.WEBHOOK_CERTIFICATE_ARN,
              "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"),
          Map.entry(ErrorbridgeProps.ALARM_EMAIL, "ops@example.com"),
          Map.entry(ErrorbridgeProps.LOG_RETENTION_DAYS, 90),
          Map.entry(ErrorbridgeProps.LOG_LEVEL, "debug"),
          Map.entry(ErrorbridgeProps.CUSTOMER_ROLE_NAME_PREFIX, "acme-errorbridge-"),
          Map.entry(ErrorbridgeProps.AMBIENT_EVENT_BUSES, "errors, audit"),
          Map.entry(ErrorbridgeProps.POLL_WORKER_MAX_CONCURRENCY, "20"),
          Map.entry(ErrorbridgeProps.WEBHOOK_RATE_LIMIT, 50),
          Map.entry(ErrorbridgeProps.ALLOWED_HOSTS, "Workflows.Internal.Example.com"),
          Map.entry(ErrorbridgeProps.ALLOWED_NETWORKS, List.of("10.20.0.0/16", "fd00::/8")),
          Map.entry(ErrorbridgeProps.PARTNER_SOURCE_PREFIX, "aws.partner/acme.example.com/errors"),
          Map.entry(
              ErrorbridgeProps.CUSTOMER_ROLE_TEMPLATE_URL,
              "https://acme-templates.s3.amazonaws.com/errorbridge-customer-role.json"));

  private static Synthesis synthesis;

  private Synthesized() {}

  /** The deployable stack, every option at its default. */
  static SynthesizedStack defaults() {
    return synthesis().defaults();
  }

  /** The stack with every option set ({@link #CONFIGURED}). */
  static SynthesizedStack configured() {
    return synthesis().configured();
  }

  /** Whether the deployable stack was built with the real {@code connector-lambda.jar}. */
  static boolean realArtifact() {
    return synthesis().realArtifact();
  }

  /** Synthesises both apps on first use. */
  private static synchronized Synthesis synthesis() {
    if (synthesis == null) {
      long start = System.nanoTime();
      Path realArtifact = Path.of(ErrorbridgeProps.DEFAULT_ARTIFACT_PATH);
      Path artifact = Files.exists(realArtifact) ? realArtifact : PlaceholderArtifact.create();

      // A cdk.out left by an earlier build keeps the old asset of a since-rebuilt jar: start clean.
      deleteRecursively(CDK_OUT);
      Map<String, Object> deployableContext = new HashMap<>(CdkJson.context());
      deployableContext.put(ErrorbridgeProps.ARTIFACT_PATH, artifact.toString());
      App deployable =
          App.Builder.create().outdir(CDK_OUT.toString()).context(deployableContext).build();
      ErrorbridgeStack defaults = ErrorbridgeApp.define(deployable);
      deployable.synth();

      Map<String, Object> configuredContext = new HashMap<>(CONFIGURED);
      configuredContext.put(ErrorbridgeProps.ARTIFACT_PATH, artifact.toString());
      App variants =
          App.Builder.create().outdir("target/cdk-test.out").context(CdkJson.context()).build();
      ErrorbridgeStack configured =
          new ErrorbridgeStack(
              variants,
              "Configured",
              StackProps.builder().build(),
              ErrorbridgeProps.fromContext(configuredContext::get));
      variants.synth();

      synthesis =
          new Synthesis(
              SynthesizedStack.of(Template.fromStack(defaults)),
              SynthesizedStack.of(Template.fromStack(configured)),
              artifact.equals(realArtifact));
      System.out.printf(
          "Synthesised ErrorbridgeStack (into %s) and the configured variant in %d ms%n",
          CDK_OUT.toAbsolutePath(), (System.nanoTime() - start) / 1_000_000);
    }
    return synthesis;
  }

  /**
   * One synthesised stack.
   *
   * @param template for CDK's assertions
   * @param json the same, as maps with readable references
   */
  record SynthesizedStack(Template template, StackJson json) {
    static SynthesizedStack of(Template template) {
      return new SynthesizedStack(template, new StackJson(template));
    }
  }

  private record Synthesis(
      SynthesizedStack defaults, SynthesizedStack configured, boolean realArtifact) {}

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot clear " + root.toAbsolutePath(), e);
    }
  }
}
