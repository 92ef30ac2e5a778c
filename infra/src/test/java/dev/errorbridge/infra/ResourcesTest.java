package dev.errorbridge.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every resource the stack creates, by type and count: nothing more, nothing less. */
class ResourcesTest {

  private static StackJson defaults;
  private static StackJson configured;

  @BeforeAll
  static void synthesise() {
    defaults = Synthesized.defaults().json();
    configured = Synthesized.configured().json();
  }

  /** What every deployment has. */
  private static Map<String, Long> always() {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("AWS::KMS::Key", 1L);
    counts.put("AWS::KMS::Alias", 1L);
    counts.put("AWS::DynamoDB::Table", 1L);
    counts.put("AWS::SQS::Queue", 2L); // poll queue + its DLQ
    counts.put("AWS::SQS::QueuePolicy", 2L); // TLS only
    counts.put("AWS::Lambda::Function", 5L);
    counts.put("AWS::Lambda::Version", 5L); // SnapStart snapshots a published version
    counts.put("AWS::Lambda::Alias", 5L); // "live", what every trigger invokes
    counts.put("AWS::Lambda::EventInvokeConfig", 2L); // no async retries for the scheduled two
    counts.put("AWS::Lambda::EventSourceMapping", 1L); // poll queue -> poll worker
    counts.put("AWS::Lambda::Permission", 2L); // the two HTTP APIs invoking their alias
    counts.put("AWS::IAM::Role", 7L); // five functions + two schedules
    counts.put("AWS::IAM::Policy", 7L);
    counts.put("AWS::Logs::LogGroup", 7L); // five functions + two API access logs
    counts.put("AWS::Scheduler::Schedule", 2L);
    counts.put("AWS::ApiGatewayV2::Api", 2L);
    counts.put("AWS::ApiGatewayV2::Stage", 2L);
    counts.put("AWS::ApiGatewayV2::Route", 2L);
    counts.put("AWS::ApiGatewayV2::Integration", 2L);
    counts.put("AWS::SNS::Topic", 1L);
    counts.put("AWS::SNS::TopicPolicy", 1L); // TLS only
    counts.put("AWS::CloudWatch::Alarm", 10L); // incl. suspended and errored connections
    return counts;
  }

  @Test
  void defaults_createExactlyTheseResources() {
    assertThat(defaults.typeCounts()).containsExactlyEntriesOf(always());
  }

  @Test
  void configured_addsTheCustomDomainAndTheEmailSubscription() {
    Map<String, Long> expected = always();
    expected.put("AWS::ApiGatewayV2::DomainName", 1L);
    expected.put("AWS::ApiGatewayV2::ApiMapping", 1L);
    expected.put("AWS::SNS::Subscription", 1L);

    assertThat(configured.typeCounts()).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theStatefulResourcesSurviveStackDeletion() {
    for (String path : new String[] {"Secrets/Key", "State/Table"}) {
      assertThat(defaults.resource(path))
          .contains(entry("DeletionPolicy", "Retain"), entry("UpdateReplacePolicy", "Retain"));
    }
  }
}
