package dev.errorbridge.server.embedded;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The demo bus {@value #NAME} on the embedded EventBridge: one rule per demo pattern ({@link
 * DemoRules}), each targeting the server's alert inbox, an HTTP target that local-aws POSTs every
 * matched event to. local-aws keeps buses in memory, so this runs at every start.
 */
public final class DemoBus {
  /** The demo bus's name, which the walkthrough's connection publishes to. */
  public static final String NAME = "errorbridge-demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoBus.class);

  private DemoBus() {}

  /**
   * Creates the bus and its rules.
   *
   * @param aws the embedded AWS
   * @param inbox the inbox URL without query, e.g. {@code http://127.0.0.1:8080/alerts/inbox}
   * @param inboxKey the inbox's per-start key, which only local-aws's deliveries carry
   * @return the rules created, name to pattern
   */
  public static Map<String, String> create(EmbeddedAws aws, URI inbox, String inboxKey) {
    Map<String, String> rules = DemoRules.load();
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(aws.endpoint())
            .region(EmbeddedDefaults.REGION)
            .credentialsProvider(EmbeddedDefaults.credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      events.createEventBus(b -> b.name(NAME));
      rules.forEach(
          (rule, pattern) -> {
            events.putRule(b -> b.eventBusName(NAME).name(rule).eventPattern(pattern));
            String target = inbox + "?rule=" + encode(rule) + "&key=" + encode(inboxKey);
            events.putTargets(
                b ->
                    b.eventBusName(NAME)
                        .rule(rule)
                        .targets(Target.builder().id("alert-inbox").arn(target).build()));
          });
    }
    LOG.info("demo bus ready bus={} rules={}", NAME, rules.keySet());
    return rules;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
