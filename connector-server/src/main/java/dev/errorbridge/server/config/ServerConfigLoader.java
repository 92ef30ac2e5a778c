package dev.errorbridge.server.config;

import dev.errorbridge.connector.poll.PollConfig;
import dev.errorbridge.connector.runtime.RuntimeSettings;
import dev.errorbridge.connector.runtime.RuntimeSettingsInvalidException;
import dev.errorbridge.connector.settings.AccessLinks;
import dev.errorbridge.connector.settings.WebhookBaseUrl;
import dev.errorbridge.connector.store.dynamodb.OperationLeases;
import dev.errorbridge.connector.webhook.WebhookReceiverConfig;
import dev.errorbridge.server.logging.LogFormat;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the server's configuration from an optional properties file and the environment (which
 * wins), and reports every problem at once. Setting {@code aws.table} or {@code aws.kms-key} (or
 * their variables) selects real AWS; with neither the server runs on embedded defaults.
 *
 * <pre>{@code
 * ServerConfig config = new ServerConfigLoader(Environment.system()).load(Path.of("errorbridge.properties"));
 * }</pre>
 */
public final class ServerConfigLoader {
  /** The file read from the working directory when no other is named. */
  public static final String DEFAULT_FILE = "errorbridge.properties";

  /** Names another configuration file. */
  public static final String CONFIG_FILE_VARIABLE = "ERRORBRIDGE_CONFIG";

  private static final int MIN_TOKEN_LENGTH = 32;

  private final Environment environment;

  public ServerConfigLoader(Environment environment) {
    this.environment = environment;
  }

  /**
   * Loads the configuration.
   *
   * @param file the properties file, or {@code null} for {@value #CONFIG_FILE_VARIABLE} or else
   *     {@value #DEFAULT_FILE} when it exists
   * @throws ServerConfigInvalidException naming every problem
   */
  public ServerConfig load(Path file) {
    List<String> problems = new ArrayList<>();
    Map<ServerSetting, String> values = values(file, problems);
    int port = port(values, ServerSetting.PORT, problems);
    int awsPort = port(values, ServerSetting.EMBEDDED_AWS_PORT, problems);
    int dynamoPort = port(values, ServerSetting.EMBEDDED_DYNAMODB_PORT, problems);
    Duration shutdown = duration(values, ServerSetting.SHUTDOWN_TIMEOUT, problems);
    Duration poll = duration(values, ServerSetting.POLL_INTERVAL, problems);
    Duration drain = duration(values, ServerSetting.RETRY_DRAIN_INTERVAL, problems);
    Duration lease = duration(values, ServerSetting.DELIVERY_LEASE, problems);
    Duration operationLease = duration(values, ServerSetting.OPERATION_LEASE, problems);
    if (operationLease.compareTo(OperationLeases.MIN_DURATION) < 0) {
      problems.add(
          ServerSetting.OPERATION_LEASE.environmentVariable()
              + " must be at least PT3S (it is renewed every third of it), was "
              + values.get(ServerSetting.OPERATION_LEASE));
    }
    Duration pollLease = pollLease(values, poll, problems);
    String replicaId = values.get(ServerSetting.REPLICA_ID);
    if (replicaId == null) {
      replicaId = ReplicaIds.defaultId(environment);
    } else if (!replicaId.matches(ReplicaIds.PATTERN)) {
      problems.add(
          ServerSetting.REPLICA_ID.environmentVariable()
              + " must be 1-128 of letters, digits and _ . : @ -, e.g. errorbridge-1");
    }
    int maxBody = positiveInt(values, ServerSetting.WEBHOOK_MAX_BODY_BYTES, problems);
    if (maxBody > WebhookReceiverConfig.DEFAULT_MAX_BODY_BYTES) {
      problems.add(
          ServerSetting.WEBHOOK_MAX_BODY_BYTES.environmentVariable()
              + " must be at most "
              + WebhookReceiverConfig.DEFAULT_MAX_BODY_BYTES
              + " (1 MiB, the webhook intake's own limit); lower values refuse sooner");
    }
    String token = values.get(ServerSetting.OPERATOR_TOKEN);
    if (token != null && token.length() < MIN_TOKEN_LENGTH) {
      problems.add(
          ServerSetting.OPERATOR_TOKEN.environmentVariable()
              + " must be at least "
              + MIN_TOKEN_LENGTH
              + " characters; generate one with: openssl rand -hex 32");
    }
    WebhookBaseUrl publicUrl =
        WebhookBaseUrl.read(
            ServerSetting.PUBLIC_URL.environmentVariable(),
            values.get(ServerSetting.PUBLIC_URL),
            problems);
    String tenant = values.get(ServerSetting.DEFAULT_TENANT);
    if (!tenant.matches("[A-Za-z0-9_.:@-]{1,128}")) {
      problems.add(
          ServerSetting.DEFAULT_TENANT.environmentVariable()
              + " must be 1-128 of letters, digits and _ . : @ -");
    }
    LogFormat logFormat = LogFormat.AUTO;
    try {
      logFormat = LogFormat.parse(values.get(ServerSetting.LOG_FORMAT));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    AccessLinks links =
        AccessLinks.read(
            values.get(ServerSetting.CUSTOMER_ROLE_TEMPLATE_URL),
            values.get(ServerSetting.DEPLOYMENT_ACCOUNT_ID),
            problems);
    boolean realAws =
        values.get(ServerSetting.TABLE) != null || values.get(ServerSetting.KMS_KEY) != null;
    RuntimeSettings aws = null;
    if (realAws) {
      aws = awsSettings(values, problems);
      if (token == null) {
        problems.add(
            ServerSetting.OPERATOR_TOKEN.environmentVariable()
                + " is required with real AWS (the token is not generated outside embedded"
                + " defaults); generate one with: openssl rand -hex 32");
      }
    }
    if (!problems.isEmpty()) {
      throw new ServerConfigInvalidException(problems);
    }
    String host = values.get(ServerSetting.HOST);
    if (host == null) {
      host = realAws ? "0.0.0.0" : "127.0.0.1";
    }
    return new ServerConfig(
        port,
        host,
        publicUrl,
        Path.of(values.get(ServerSetting.DATA_DIR)),
        token,
        tenant,
        shutdown,
        maxBody,
        poll,
        drain,
        lease,
        aws,
        new LinkedHashSet<>(list(values.get(ServerSetting.ALLOWED_HOSTS))),
        list(values.get(ServerSetting.ALLOWED_NETWORKS)),
        awsPort,
        dynamoPort,
        logFormat,
        links,
        replicaId,
        pollLease,
        operationLease);
  }

  /** The poll lease: as configured (at least 20 s), else the poll interval, a minute at least. */
  private static Duration pollLease(
      Map<ServerSetting, String> values, Duration poll, List<String> problems) {
    if (values.get(ServerSetting.POLL_LEASE) == null) {
      return poll.compareTo(PollConfig.DEFAULT_INTERVAL) < 0 ? PollConfig.DEFAULT_INTERVAL : poll;
    }
    Duration lease = duration(values, ServerSetting.POLL_LEASE, problems);
    if (lease.compareTo(PollConfig.DEFAULT_MIN_CYCLE_TIME) < 0) {
      problems.add(
          ServerSetting.POLL_LEASE.environmentVariable()
              + " must be at least PT20S (a cycle starts only with 20 s to read a page and publish"
              + " it whole), was "
              + values.get(ServerSetting.POLL_LEASE));
    }
    return lease;
  }

  private Map<ServerSetting, String> values(Path file, List<String> problems) {
    Properties fromFile = readFile(file, problems);
    Map<ServerSetting, String> values = new EnumMap<>(ServerSetting.class);
    for (ServerSetting setting : ServerSetting.values()) {
      String value = environment.get(setting.environmentVariable());
      if (value == null || value.isBlank()) {
        value = fromFile.getProperty(setting.fileKey());
      }
      if (value == null || value.isBlank()) {
        value = setting.defaultValue();
      }
      if (value != null) {
        values.put(setting, value.trim());
      }
    }
    for (String key : fromFile.stringPropertyNames()) {
      if (Arrays.stream(ServerSetting.values()).noneMatch(s -> s.fileKey().equals(key))) {
        problems.add(
            "unknown setting '"
                + key
                + "' in the configuration file; the settings are listed in docs/server.md");
      }
    }
    return values;
  }

  private Properties readFile(Path file, List<String> problems) {
    Path chosen = file;
    if (chosen == null) {
      String named = environment.get(CONFIG_FILE_VARIABLE);
      boolean isNamed = named != null && !named.isBlank();
      chosen = isNamed ? Path.of(named) : Path.of(DEFAULT_FILE);
      if (!isNamed && !Files.exists(chosen)) {
        return new Properties(); // no file is fine: environment and defaults
      }
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(chosen, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      problems.add("cannot read the configuration file " + chosen + ": " + e.getMessage());
    }
    return properties;
  }

  private static RuntimeSettings awsSettings(
      Map<ServerSetting, String> values, List<String> problems) {
    Map<String, String> env = new HashMap<>();
    values.forEach((setting, value) -> env.put(setting.environmentVariable(), value));
    // Read once for both modes (ServerConfig.accessLinks), so a problem is not named twice.
    env.remove(AccessLinks.TEMPLATE_URL_VARIABLE);
    env.remove(AccessLinks.ACCOUNT_VARIABLE);
    try {
      return RuntimeSettings.fromEnvironment(env);
    } catch (RuntimeSettingsInvalidException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static int port(
      Map<ServerSetting, String> values, ServerSetting setting, List<String> problems) {
    String value = values.get(setting);
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(setting.environmentVariable() + " must be a port from 0 to 65535, was " + value);
    return 0;
  }

  private static int positiveInt(
      Map<ServerSetting, String> values, ServerSetting setting, List<String> problems) {
    String value = values.get(setting);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(setting.environmentVariable() + " must be a positive integer, was " + value);
    return 1;
  }

  private static Duration duration(
      Map<ServerSetting, String> values, ServerSetting setting, List<String> problems) {
    String value = values.get(setting);
    try {
      Duration parsed = Duration.parse(value);
      if (!parsed.isNegative() && !parsed.isZero()) {
        return parsed;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add(
        setting.environmentVariable()
            + " must be a positive ISO-8601 duration such as PT30S, was "
            + value);
    return Duration.ofSeconds(1);
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isBlank()
        ? List.of()
        : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
