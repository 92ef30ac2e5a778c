package dev.errorbridge.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What one Errorbridge deployment is configured with: the CDK context ({@code cdk deploy -c
 * key=value} or {@code cdk.json}), parsed and validated once. Every key, its default and its
 * meaning are listed in {@code docs/deploy.md}.
 *
 * @param namePrefix prefix of every physical name (the table is named exactly this, as {@code
 *     docs/storage.md} expects; functions, queues, APIs, alarms and the key alias start with it)
 * @param artifactPath the shared Lambda artifact ({@code connector-lambda.jar}) all five functions
 *     run
 * @param webhookDomain a custom domain for the webhook API, or {@code null} for the API's own
 *     {@code execute-api} URL
 * @param webhookCertificateArn the ACM certificate (same Region) for {@code webhookDomain}, or
 *     {@code null} when there is no custom domain
 * @param alarmEmail an address subscribed to the alarm topic, or {@code null}
 * @param logRetentionDays how long function and API access logs are kept
 * @param logLevel the {@code LOG_LEVEL} the functions log at
 * @param customerRoleNamePrefix the name prefix customer roles must have to be assumable (role-mode
 *     connections); empty allows any role name
 * @param ambientEventBuses same-account event bus names the functions may publish to with their own
 *     role (AMBIENT connections); empty turns AMBIENT mode off
 * @param pollWorkerMaxConcurrency the most poll-worker invocations the SQS event source runs at
 *     once
 * @param webhookRateLimit requests per second the webhook API accepts before answering 429
 * @param allowedHosts platform host names the settings API accepts although they resolve to private
 *     addresses (the SSRF guard's operator allow-list)
 * @param allowedNetworks private CIDR blocks the settings API accepts platform URLs in
 * @param partnerSourcePrefix the partner event source prefix ({@code aws.partner/<partner>/<ns>})
 *     under which PARTNER_EVENT_SOURCE connections get their sources, or {@code null}: partner mode
 *     off, and the functions get no partner permissions
 * @param customerRoleTemplateUrl where the customer role template is published, for the settings
 *     API's quick-create links, or {@code null} for none
 */
public record ErrorbridgeProps(
    String namePrefix,
    Path artifactPath,
    String webhookDomain,
    String webhookCertificateArn,
    String alarmEmail,
    int logRetentionDays,
    String logLevel,
    String customerRoleNamePrefix,
    List<String> ambientEventBuses,
    int pollWorkerMaxConcurrency,
    int webhookRateLimit,
    List<String> allowedHosts,
    List<String> allowedNetworks,
    String partnerSourcePrefix,
    String customerRoleTemplateUrl) {

  /** Context key of {@link #namePrefix}. */
  public static final String NAME_PREFIX = "namePrefix";

  /** Context key of {@link #artifactPath}. */
  public static final String ARTIFACT_PATH = "artifactPath";

  /** Context key of {@link #webhookDomain}. */
  public static final String WEBHOOK_DOMAIN = "webhookDomain";

  /** Context key of {@link #webhookCertificateArn}. */
  public static final String WEBHOOK_CERTIFICATE_ARN = "webhookCertificateArn";

  /** Context key of {@link #alarmEmail}. */
  public static final String ALARM_EMAIL = "alarmEmail";

  /** Context key of {@link #logRetentionDays}. */
  public static final String LOG_RETENTION_DAYS = "logRetentionDays";

  /** Context key of {@link #logLevel}. */
  public static final String LOG_LEVEL = "logLevel";

  /** Context key of {@link #customerRoleNamePrefix}. */
  public static final String CUSTOMER_ROLE_NAME_PREFIX = "customerRoleNamePrefix";

  /** Context key of {@link #ambientEventBuses} (comma-separated names, or a JSON list). */
  public static final String AMBIENT_EVENT_BUSES = "ambientEventBuses";

  /** Context key of {@link #pollWorkerMaxConcurrency}. */
  public static final String POLL_WORKER_MAX_CONCURRENCY = "pollWorkerMaxConcurrency";

  /** Context key of {@link #webhookRateLimit}. */
  public static final String WEBHOOK_RATE_LIMIT = "webhookRateLimit";

  /** Context key of {@link #allowedHosts} (comma-separated, or a JSON list). */
  public static final String ALLOWED_HOSTS = "allowedHosts";

  /** Context key of {@link #allowedNetworks} (comma-separated, or a JSON list). */
  public static final String ALLOWED_NETWORKS = "allowedNetworks";

  /** Context key of {@link #partnerSourcePrefix}. */
  public static final String PARTNER_SOURCE_PREFIX = "partnerSourcePrefix";

  /** Context key of {@link #customerRoleTemplateUrl}. */
  public static final String CUSTOMER_ROLE_TEMPLATE_URL = "customerRoleTemplateUrl";

  /** The default name prefix: also the table name {@code docs/storage.md} names. */
  public static final String DEFAULT_NAME_PREFIX = "errorbridge";

  /** Where {@code connector-lambda} builds the artifact, relative to {@code infra/}. */
  public static final String DEFAULT_ARTIFACT_PATH =
      "../connector-lambda/target/connector-lambda.jar";

  /** Thirty days: long enough to investigate last month's incident, short enough to stay cheap. */
  public static final int DEFAULT_LOG_RETENTION_DAYS = 30;

  /** The default log level. */
  public static final String DEFAULT_LOG_LEVEL = "INFO";

  /**
   * The default customer role name prefix. Restricting {@code sts:AssumeRole} to roles named like
   * this stops the functions from assuming any other role that happens to trust this account.
   */
  public static final String DEFAULT_CUSTOMER_ROLE_NAME_PREFIX = "errorbridge-";

  /**
   * Fifty concurrent poll workers of five connections each: about 250 connections in flight, which
   * at roughly 5 s per poll is 3,000 polls a minute (10,000 connections every 3-4 minutes), while
   * leaving most of the default 1,000 account concurrency to the webhook and everything else.
   */
  public static final int DEFAULT_POLL_WORKER_MAX_CONCURRENCY = 50;

  /**
   * Five hundred webhook requests a second (bursts of twice that): at ~100 ms a warm request that
   * is about 50 concurrent executions; a flood beyond it gets 429s at the API, not a Lambda bill.
   */
  public static final int DEFAULT_WEBHOOK_RATE_LIMIT = 500;

  /** The {@link #CUSTOMER_ROLE_NAME_PREFIX} value that allows every role name. */
  public static final String ANY_ROLE_NAME = "*";

  private static final Pattern NAME_PREFIX_SHAPE = Pattern.compile("[a-z][a-z0-9-]{2,31}");
  private static final Pattern DOMAIN_SHAPE =
      Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern CERTIFICATE_ARN_SHAPE =
      Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
  private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern ROLE_NAME_PREFIX_SHAPE = Pattern.compile("[\\w+=,.@-]{0,63}");
  private static final Pattern BUS_NAME_SHAPE = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
  private static final Pattern HOST_SHAPE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
  // EventBridge's partner source name pattern, with room for "/<connection id>" within 256.
  private static final Pattern PARTNER_PREFIX_SHAPE =
      Pattern.compile("aws\\.partner/[.\\-_A-Za-z0-9]+(/[.\\-_A-Za-z0-9]+)+");
  private static final Pattern TEMPLATE_URL_SHAPE = Pattern.compile("https://[^\\s]+");
  private static final Pattern CIDR_SHAPE = Pattern.compile("[0-9A-Fa-f:.]{2,39}/\\d{1,3}");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  /** CloudWatch Logs accepts only these retention periods (in days). */
  private static final Map<Integer, RetentionDays> RETENTION_DAYS =
      Map.ofEntries(
          Map.entry(1, RetentionDays.ONE_DAY),
          Map.entry(3, RetentionDays.THREE_DAYS),
          Map.entry(5, RetentionDays.FIVE_DAYS),
          Map.entry(7, RetentionDays.ONE_WEEK),
          Map.entry(14, RetentionDays.TWO_WEEKS),
          Map.entry(30, RetentionDays.ONE_MONTH),
          Map.entry(60, RetentionDays.TWO_MONTHS),
          Map.entry(90, RetentionDays.THREE_MONTHS),
          Map.entry(120, RetentionDays.FOUR_MONTHS),
          Map.entry(150, RetentionDays.FIVE_MONTHS),
          Map.entry(180, RetentionDays.SIX_MONTHS),
          Map.entry(365, RetentionDays.ONE_YEAR),
          Map.entry(400, RetentionDays.THIRTEEN_MONTHS),
          Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
          Map.entry(731, RetentionDays.TWO_YEARS),
          Map.entry(1096, RetentionDays.THREE_YEARS),
          Map.entry(1827, RetentionDays.FIVE_YEARS),
          Map.entry(2192, RetentionDays.SIX_YEARS),
          Map.entry(2557, RetentionDays.SEVEN_YEARS),
          Map.entry(2922, RetentionDays.EIGHT_YEARS),
          Map.entry(3288, RetentionDays.NINE_YEARS),
          Map.entry(3653, RetentionDays.TEN_YEARS));

  /** Copies the lists; no other checks (use {@link #fromContext} to validate). */
  public ErrorbridgeProps {
    ambientEventBuses = List.copyOf(ambientEventBuses);
    allowedHosts = List.copyOf(allowedHosts);
    allowedNetworks = List.copyOf(allowedNetworks);
  }

  /**
   * Reads and validates the deployment's configuration.
   *
   * @param context looks a context key up; {@code null} when it is not set
   * @return the configuration, defaults filled in
   * @throws InfraConfigInvalidException listing every problem, not only the first
   */
  public static ErrorbridgeProps fromContext(Function<String, Object> context) {
    List<String> problems = new ArrayList<>();
    Values values = new Values(context, problems);

    String namePrefix = values.text(NAME_PREFIX, DEFAULT_NAME_PREFIX);
    if (!NAME_PREFIX_SHAPE.matcher(namePrefix).matches()) {
      problems.add(
          NAME_PREFIX
              + " must be 3-32 of [a-z0-9-] starting with a letter (it names the table, functions"
              + " and queues), was: "
              + namePrefix);
    }

    Path artifactPath = Path.of(values.text(ARTIFACT_PATH, DEFAULT_ARTIFACT_PATH));
    if (!Files.exists(artifactPath)) {
      problems.add(
          ARTIFACT_PATH
              + " "
              + artifactPath.toAbsolutePath().normalize()
              + " does not exist: build connector-lambda first (mvn -pl connector-lambda -am"
              + " package) or pass -c "
              + ARTIFACT_PATH
              + "=<path to connector-lambda.jar>");
    }

    String webhookDomain = values.optionalText(WEBHOOK_DOMAIN);
    String certificateArn = values.optionalText(WEBHOOK_CERTIFICATE_ARN);
    if (webhookDomain != null) {
      webhookDomain = webhookDomain.toLowerCase(Locale.ROOT);
      if (!DOMAIN_SHAPE.matcher(webhookDomain).matches()) {
        problems.add(WEBHOOK_DOMAIN + " must be a DNS name such as hooks.example.com");
      }
      if (certificateArn == null) {
        problems.add(
            WEBHOOK_DOMAIN
                + " needs "
                + WEBHOOK_CERTIFICATE_ARN
                + ": an ACM certificate for the domain in the stack's Region");
      }
    }
    if (certificateArn != null) {
      if (webhookDomain == null) {
        problems.add(WEBHOOK_CERTIFICATE_ARN + " is set but " + WEBHOOK_DOMAIN + " is not");
      }
      if (!CERTIFICATE_ARN_SHAPE.matcher(certificateArn).matches()) {
        problems.add(
            WEBHOOK_CERTIFICATE_ARN
                + " must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)");
      }
    }

    String alarmEmail = values.optionalText(ALARM_EMAIL);
    if (alarmEmail != null && !EMAIL_SHAPE.matcher(alarmEmail).matches()) {
      problems.add(ALARM_EMAIL + " must be an email address");
    }

    int logRetentionDays = values.integer(LOG_RETENTION_DAYS, DEFAULT_LOG_RETENTION_DAYS);
    if (!RETENTION_DAYS.containsKey(logRetentionDays)) {
      problems.add(
          LOG_RETENTION_DAYS
              + " must be one of the periods CloudWatch Logs accepts "
              + RETENTION_DAYS.keySet().stream().sorted().toList()
              + ", was: "
              + logRetentionDays);
    }

    String logLevel = values.text(LOG_LEVEL, DEFAULT_LOG_LEVEL).toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      problems.add(LOG_LEVEL + " must be one of TRACE, DEBUG, INFO, WARN, ERROR");
    }

    String rolePrefix = values.text(CUSTOMER_ROLE_NAME_PREFIX, DEFAULT_CUSTOMER_ROLE_NAME_PREFIX);
    if (rolePrefix.equals(ANY_ROLE_NAME)) {
      rolePrefix = "";
    } else if (!ROLE_NAME_PREFIX_SHAPE.matcher(rolePrefix).matches()) {
      problems.add(
          CUSTOMER_ROLE_NAME_PREFIX
              + " must be at most 63 of the IAM role name characters [\\w+=,.@-], or "
              + ANY_ROLE_NAME
              + " for any role name");
    }

    List<String> buses = values.list(AMBIENT_EVENT_BUSES);
    for (String bus : buses) {
      if (!bus.equals("*") && !BUS_NAME_SHAPE.matcher(bus).matches()) {
        problems.add(
            AMBIENT_EVENT_BUSES + " holds event bus names (or *), and " + bus + " is not one");
      }
    }

    int maxConcurrency =
        values.integer(POLL_WORKER_MAX_CONCURRENCY, DEFAULT_POLL_WORKER_MAX_CONCURRENCY);
    if (maxConcurrency < 2 || maxConcurrency > 1000) {
      problems.add(
          POLL_WORKER_MAX_CONCURRENCY
              + " must be 2-1000 (the range an SQS event source accepts), was: "
              + maxConcurrency);
    }

    int webhookRateLimit = values.integer(WEBHOOK_RATE_LIMIT, DEFAULT_WEBHOOK_RATE_LIMIT);
    if (webhookRateLimit < 1 || webhookRateLimit > 10_000) {
      problems.add(
          WEBHOOK_RATE_LIMIT
              + " must be 1-10000 requests per second (API Gateway's default account limit),"
              + " was: "
              + webhookRateLimit);
    }

    List<String> allowedHosts =
        values.list(ALLOWED_HOSTS).stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    for (String host : allowedHosts) {
      if (!HOST_SHAPE.matcher(host).matches()) {
        problems.add(ALLOWED_HOSTS + " holds host names, and " + host + " is not one");
      }
    }
    List<String> allowedNetworks = values.list(ALLOWED_NETWORKS);
    for (String network : allowedNetworks) {
      if (!CIDR_SHAPE.matcher(network).matches()) {
        problems.add(
            ALLOWED_NETWORKS
                + " holds CIDR blocks such as 10.20.0.0/16, and "
                + network
                + " is not");
      }
    }

    String partnerPrefix = values.optionalText(PARTNER_SOURCE_PREFIX);
    if (partnerPrefix != null
        && (partnerPrefix.length() > 127
            || !PARTNER_PREFIX_SHAPE.matcher(partnerPrefix).matches())) {
      problems.add(
          PARTNER_SOURCE_PREFIX
              + " must be aws.partner/<partner name>/<namespace> (letters, digits and . - _, at"
              + " most 127 characters), the partner name AWS registered you under; leave it unset"
              + " to keep partner mode off");
    }
    String templateUrl = values.optionalText(CUSTOMER_ROLE_TEMPLATE_URL);
    if (templateUrl != null && !TEMPLATE_URL_SHAPE.matcher(templateUrl).matches()) {
      problems.add(
          CUSTOMER_ROLE_TEMPLATE_URL
              + " must be the https:// URL where samples/cloudformation/errorbridge-customer-role.json"
              + " is published");
    }

    if (!problems.isEmpty()) {
      throw new InfraConfigInvalidException(problems);
    }
    return new ErrorbridgeProps(
        namePrefix,
        artifactPath,
        webhookDomain,
        certificateArn,
        alarmEmail,
        logRetentionDays,
        logLevel,
        rolePrefix,
        buses,
        maxConcurrency,
        webhookRateLimit,
        allowedHosts,
        allowedNetworks,
        partnerPrefix,
        templateUrl);
  }

  /** Whether PARTNER_EVENT_SOURCE connections are allowed (and partner permissions granted). */
  public boolean partnerMode() {
    return partnerSourcePrefix != null;
  }

  /** The log retention as CDK spells it. */
  public RetentionDays logRetention() {
    return RETENTION_DAYS.get(logRetentionDays);
  }

  /** Whether the webhook API gets a custom domain. */
  public boolean hasWebhookDomain() {
    return webhookDomain != null;
  }

  /** Whether AMBIENT connections (publishing with the functions' own role) are allowed. */
  public boolean ambientMode() {
    return !ambientEventBuses.isEmpty();
  }

  /** Reads context values of any JSON type, recording problems instead of throwing. */
  private record Values(Function<String, Object> context, List<String> problems) {

    String text(String key, String defaultValue) {
      String value = optionalText(key);
      return value == null ? defaultValue : value;
    }

    String optionalText(String key) {
      Object value = context.apply(key);
      if (value == null) {
        return null;
      }
      String text = String.valueOf(value).strip();
      return text.isEmpty() ? null : text;
    }

    int integer(String key, int defaultValue) {
      String text = optionalText(key);
      if (text == null) {
        return defaultValue;
      }
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        problems.add(key + " must be a whole number, was: " + text);
        return defaultValue;
      }
    }

    List<String> list(String key) {
      Object value = context.apply(key);
      Collection<?> items =
          value instanceof Collection<?> collection
              ? collection
              : value == null ? List.of() : Arrays.asList(String.valueOf(value).split(","));
      return items.stream()
          .map(item -> String.valueOf(item).strip())
          .filter(item -> !item.isEmpty())
          .distinct()
          .collect(Collectors.toUnmodifiableList());
    }
  }
}
