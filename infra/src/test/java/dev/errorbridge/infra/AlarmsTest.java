package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlarmsTest {

  private static StackJson json;

  @BeforeAll
  static void synthesise() {
    json = Synthesized.defaults().json();
  }

  /** Each alarm reduced to: metric, dimensions, statistic, threshold, missing data. */
  private static Map<String, String> alarms(StackJson stack) {
    Map<String, String> alarms = new TreeMap<>();
    stack
        .properties("AWS::CloudWatch::Alarm")
        .values()
        .forEach(
            alarm -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> rendered = (Map<String, Object>) stack.render(alarm);
              alarms.put(
                  (String) rendered.get("AlarmName"),
                  rendered.get("Namespace")
                      + "/"
                      + rendered.get("MetricName")
                      + " "
                      + rendered.getOrDefault("Dimensions", List.of())
                      + " "
                      + rendered.get("Statistic")
                      + "/"
                      + rendered.get("Period")
                      + "s "
                      + rendered.get("ComparisonOperator")
                      + " "
                      + rendered.get("Threshold")
                      + " x"
                      + rendered.get("EvaluationPeriods")
                      + " missing="
                      + rendered.get("TreatMissingData"));
            });
    return alarms;
  }

  private static String functionDimension(String function) {
    return "[{Name=FunctionName, Value=${Functions/" + function + "/Function}}]";
  }

  @Test
  void alarms_watchTheDlqBacklogErrorsThrottlesAndSuspendedOrErroredConnections() {
    Map<String, String> expected = new TreeMap<>();
    expected.put(
        "errorbridge-poll-dlq-depth",
        "AWS/SQS/ApproximateNumberOfMessagesVisible"
            + " [{Name=QueueName, Value=${Poll/DeadLetterQueue.QueueName}}]"
            + " Maximum/300s GreaterThanThreshold 0 x1 missing=ignore");
    expected.put(
        "errorbridge-poll-backlog",
        "AWS/SQS/ApproximateAgeOfOldestMessage"
            + " [{Name=QueueName, Value=${Poll/Queue.QueueName}}]"
            + " Maximum/300s GreaterThanThreshold 300 x1 missing=notBreaching");
    for (FunctionSpec spec : FunctionSpec.values()) {
      expected.put(
          "errorbridge-" + spec.nameSuffix() + "-errors",
          "AWS/Lambda/Errors "
              + functionDimension(spec.id())
              + " Sum/300s GreaterThanThreshold 0 x1 missing=notBreaching");
    }
    expected.put(
        "errorbridge-poll-worker-throttles",
        "AWS/Lambda/Throttles "
            + functionDimension("PollWorker")
            + " Sum/300s GreaterThanThreshold 0 x1 missing=notBreaching");
    expected.put(
        "errorbridge-suspended-connections",
        "Errorbridge/SuspendedConnections [] Maximum/300s GreaterThanThreshold 0 x1 missing=ignore");
    expected.put(
        "errorbridge-connections-in-error",
        "Errorbridge/ConnectionsInError [] Maximum/300s GreaterThanThreshold 0 x1 missing=ignore");

    assertThat(alarms(json)).containsExactlyEntriesOf(expected);
  }

  @Test
  void everyAlarm_notifiesTheTopicWhenItFiresAndWhenItRecovers() {
    assertThat(json.properties("AWS::CloudWatch::Alarm").values())
        .hasSize(10)
        .allSatisfy(
            alarm -> {
              assertThat(json.render(alarm.get("AlarmActions")))
                  .isEqualTo(List.of("${Alarms/Topic}"));
              assertThat(json.render(alarm.get("OKActions"))).isEqualTo(List.of("${Alarms/Topic}"));
              assertThat((String) alarm.get("AlarmDescription")).isNotBlank();
            });
  }

  @Test
  void connectionsInErrorAlarm_saysWhereTheReasonAndTheFixAre() {
    assertThat(json.properties("AWS::CloudWatch::Alarm").values())
        .filteredOn(alarm -> "errorbridge-connections-in-error".equals(alarm.get("AlarmName")))
        .singleElement()
        .satisfies(
            alarm ->
                assertThat((String) alarm.get("AlarmDescription"))
                    .contains("in ERROR", "cannot be read", "the reason and the fix"));
  }

  @Test
  void topic_isNamedAfterThePrefixAndRefusesPublishingWithoutTls() {
    assertThat(json.propertiesAt("Alarms/Topic"))
        .containsEntry("TopicName", "errorbridge-alarms")
        .containsEntry("DisplayName", "Errorbridge alarms");
    assertThat(json.allStatements())
        .filteredOn(s -> s.source().equals("Alarms/Topic/Policy"))
        .singleElement()
        .satisfies(
            deny -> {
              assertThat(deny.effect()).isEqualTo("Deny");
              assertThat(deny.actions()).containsExactly("sns:Publish");
            });
  }

  @Test
  void alarmEmail_isSubscribedOnlyWhenGiven() {
    assertThat(json.properties("AWS::SNS::Subscription")).isEmpty();
    StackJson configured = Synthesized.configured().json();
    assertThat(configured.properties("AWS::SNS::Subscription").values())
        .singleElement()
        .satisfies(
            subscription ->
                assertThat(configured.render(subscription))
                    .isEqualTo(
                        Map.of(
                            "Protocol", "email",
                            "Endpoint", "ops@example.com",
                            "TopicArn", "${Alarms/Topic}")));
    assertThat(alarms(configured).keySet()).allMatch(name -> name.startsWith("acme-eb-"));
  }
}
