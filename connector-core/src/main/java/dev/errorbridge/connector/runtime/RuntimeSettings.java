package dev.errorbridge.connector.runtime;

import dev.errorbridge.connector.engine.DeliveryPolicy;
import dev.errorbridge.connector.partner.PartnerMode;
import dev.errorbridge.connector.settings.AccessLinks;
import dev.errorbridge.connector.settings.DestinationPolicy;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * Where Errorbridge keeps its own state and which AWS endpoints it calls: the table, the KMS key,
 * the region, and (for local-aws and DynamoDB Local) endpoint overrides. Read from the environment
 * by the Lambda handlers and the standalone server; every problem is reported at once.
 *
 * @param region Errorbridge's own region (table, KMS key, STS)
 * @param tableName the DynamoDB table
 * @param kmsKeyId the KMS key (id, ARN or alias) that encrypts connection secrets
 * @param awsEndpoint one endpoint for EventBridge, KMS and STS (local-aws), or {@code null} for AWS
 * @param dynamoDbEndpoint DynamoDB's endpoint (DynamoDB Local), or {@code null} for AWS
 * @param allowedHosts platform hosts allowed even if they resolve to private addresses
 * @param allowedNetworks CIDR blocks allowed even though private
 * @param destinationPolicy which customer roles and AMBIENT buses this deployment may use
 * @param deliveryPolicy how long event records are kept and claimed events wait for their publisher
 *     before the retry worker takes them over
 * @param webhookBaseUrl where platforms reach this deployment's webhooks, so that the settings API
 *     shows each connection's absolute webhook URL; {@code null} when the deployment does not know
 *     (the API then shows the path only)
 * @param accessLinks where the customer role template is published and the deployment's account, so
 *     that the settings API shows ASSUME_ROLE connections their quick-create link; {@link
 *     AccessLinks#none()} when not set
 */
public record RuntimeSettings(
    Region region,
    String tableName,
    String kmsKeyId,
    URI awsEndpoint,
    URI dynamoDbEndpoint,
    Set<String> allowedHosts,
    List<String> allowedNetworks,
    DestinationPolicy destinationPolicy,
    DeliveryPolicy deliveryPolicy,
    WebhookBaseUrl webhookBaseUrl,
    AccessLinks accessLinks) {

  public static final String REGION = "AWS_REGION";
  public static final String TABLE = "ERRORBRIDGE_TABLE";
  public static final String KMS_KEY = "ERRORBRIDGE_KMS_KEY";
  public static final String AWS_ENDPOINT = "ERRORBRIDGE_AWS_ENDPOINT";
  public static final String DYNAMODB_ENDPOINT = "ERRORBRIDGE_DYNAMODB_ENDPOINT";
  public static final String ALLOWED_HOSTS = "ERRORBRIDGE_ALLOWED_HOSTS";
  public static final String ALLOWED_NETWORKS = "ERRORBRIDGE_ALLOWED_NETWORKS";
  public static final String CUSTOMER_ROLE_NAME_PREFIX = "ERRORBRIDGE_CUSTOMER_ROLE_NAME_PREFIX";
  public static final String AMBIENT_MODE = "ERRORBRIDGE_AMBIENT_MODE";
  public static final String AMBIENT_EVENT_BUSES = "ERRORBRIDGE_AMBIENT_EVENT_BUSES";
  public static final String DELIVERY_LEASE = "ERRORBRIDGE_DELIVERY_LEASE";
  public static final String WEBHOOK_BASE_URL = "ERRORBRIDGE_WEBHOOK_BASE_URL";
  public static final String PARTNER_SOURCE_PREFIX = PartnerMode.PREFIX_VARIABLE;

  public RuntimeSettings {
    allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
    allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    destinationPolicy =
        destinationPolicy == null ? DestinationPolicy.unrestricted() : destinationPolicy;
    deliveryPolicy = deliveryPolicy == null ? DeliveryPolicy.defaults() : deliveryPolicy;
    accessLinks = accessLinks == null ? AccessLinks.none() : accessLinks;
  }

  /** The same settings with another {@link #deliveryPolicy()}. */
  public RuntimeSettings withDeliveryPolicy(DeliveryPolicy value) {
    return with(value, webhookBaseUrl, accessLinks);
  }

  /** The same settings with another {@link #webhookBaseUrl()} ({@code null}: none). */
  public RuntimeSettings withWebhookBaseUrl(WebhookBaseUrl value) {
    return with(deliveryPolicy, value, accessLinks);
  }

  /** The same settings with other {@link #accessLinks()}. */
  public RuntimeSettings withAccessLinks(AccessLinks value) {
    return with(deliveryPolicy, webhookBaseUrl, value);
  }

  /** These settings with the parts that callers change after reading them. */
  private RuntimeSettings with(
      DeliveryPolicy delivery, WebhookBaseUrl webhookBase, AccessLinks links) {
    return new RuntimeSettings(
        region,
        tableName,
        kmsKeyId,
        awsEndpoint,
        dynamoDbEndpoint,
        allowedHosts,
        allowedNetworks,
        destinationPolicy,
        delivery,
        webhookBase,
        links);
  }

  /**
   * Without limits on destinations ({@link DestinationPolicy#unrestricted()}), with the default
   * {@link DeliveryPolicy}, no {@link #webhookBaseUrl()} and no {@link #accessLinks()}.
   */
  public RuntimeSettings(
      Region region,
      String tableName,
      String kmsKeyId,
      URI awsEndpoint,
      URI dynamoDbEndpoint,
      Set<String> allowedHosts,
      List<String> allowedNetworks) {
    this(
        region,
        tableName,
        kmsKeyId,
        awsEndpoint,
        dynamoDbEndpoint,
        allowedHosts,
        allowedNetworks,
        null,
        null,
        null,
        null);
  }

  /**
   * Reads the settings from environment variables ({@value #REGION}, {@value #TABLE}, {@value
   * #KMS_KEY}, optional {@value #AWS_ENDPOINT}, {@value #DYNAMODB_ENDPOINT}, {@value
   * #ALLOWED_HOSTS} and {@value #ALLOWED_NETWORKS} as comma-separated lists; the destination limits
   * the infra stack sets: {@value #CUSTOMER_ROLE_NAME_PREFIX} (absent or empty: any role), {@value
   * #AMBIENT_MODE} ({@code true} or {@code false}; absent: on) and {@value #AMBIENT_EVENT_BUSES}
   * (comma-separated; absent or {@code *}: any bus)); {@value #DELIVERY_LEASE} (an ISO-8601
   * duration; absent: {@link DeliveryPolicy#DEFAULT_LEASE}); and {@value #WEBHOOK_BASE_URL} (the
   * infra stack sets it on the settings API's function; see {@link WebhookBaseUrl} for its rules);
   * {@value #PARTNER_SOURCE_PREFIX} (absent: partner mode off; see {@link PartnerMode}); and the
   * quick-create link's {@code ERRORBRIDGE_CUSTOMER_ROLE_TEMPLATE_URL} and {@code
   * ERRORBRIDGE_DEPLOYMENT_ACCOUNT_ID} (both or neither; see {@link AccessLinks}).
   *
   * @throws RuntimeSettingsInvalidException naming every missing or invalid variable
   */
  public static RuntimeSettings fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String region = env.get(REGION);
    if (region == null || region.isBlank()) {
      problems.add(REGION + " is required, e.g. us-east-1 (Lambda sets it)");
    }
    String table = env.get(TABLE);
    if (table == null || table.isBlank()) {
      problems.add(TABLE + " is required: the DynamoDB table the infra stack created");
    }
    String key = env.get(KMS_KEY);
    if (key == null || key.isBlank()) {
      problems.add(KMS_KEY + " is required: the KMS key ARN or alias that encrypts secrets");
    }
    URI aws = uri(env, AWS_ENDPOINT, problems);
    URI dynamo = uri(env, DYNAMODB_ENDPOINT, problems);
    String ambient = env.getOrDefault(AMBIENT_MODE, "true").trim();
    if (!ambient.equals("true") && !ambient.equals("false")) {
      problems.add(AMBIENT_MODE + " must be true or false, not " + ambient);
    }
    DeliveryPolicy delivery = deliveryPolicy(env.get(DELIVERY_LEASE), problems);
    WebhookBaseUrl webhookBase =
        WebhookBaseUrl.read(WEBHOOK_BASE_URL, env.get(WEBHOOK_BASE_URL), problems);
    PartnerMode partner =
        PartnerMode.read(PARTNER_SOURCE_PREFIX, env.get(PARTNER_SOURCE_PREFIX), problems);
    AccessLinks links =
        AccessLinks.read(
            env.get(AccessLinks.TEMPLATE_URL_VARIABLE),
            env.get(AccessLinks.ACCOUNT_VARIABLE),
            problems);
    if (!problems.isEmpty()) {
      throw new RuntimeSettingsInvalidException(problems);
    }
    return new RuntimeSettings(
        Region.of(region),
        table,
        key,
        aws,
        dynamo,
        set(env.get(ALLOWED_HOSTS)),
        list(env.get(ALLOWED_NETWORKS)),
        new DestinationPolicy(
            env.getOrDefault(CUSTOMER_ROLE_NAME_PREFIX, "").trim(),
            ambient.equals("true"),
            set(env.get(AMBIENT_EVENT_BUSES)),
            partner),
        delivery,
        webhookBase,
        links);
  }

  private static DeliveryPolicy deliveryPolicy(String lease, List<String> problems) {
    if (lease == null || lease.isBlank()) {
      return DeliveryPolicy.defaults();
    }
    try {
      return DeliveryPolicy.defaults().withLease(Duration.parse(lease.trim()));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      problems.add(
          DELIVERY_LEASE
              + " must be a positive ISO-8601 duration under 7 days, e.g. PT1M (how long a claimed"
              + " event waits for its publisher before the retry worker takes it over)");
      return DeliveryPolicy.defaults();
    }
  }

  private static URI uri(Map<String, String> env, String name, List<String> problems) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      problems.add(name + " must be an absolute URL such as http://127.0.0.1:4566");
      return null;
    }
  }

  private static Set<String> set(String csv) {
    return list(csv).stream().collect(Collectors.toUnmodifiableSet());
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isBlank()
        ? List.of()
        : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
