package dev.errorbridge.localaws.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * EventBridge behaviour every endpoint must show through the real SDK: bus lifecycle, rules and
 * targets, pattern matching, PutEvents validation and partial failures, envelope delivery and
 * account isolation.
 */
public abstract class EventBridgeContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  protected abstract ContractEndpoint endpoint();

  private EventBridgeClient events;
  private String bus;

  @BeforeEach
  void createBus() {
    events = endpoint().eventBridge(Account.PRIMARY);
    bus = "bus-" + UUID.randomUUID();
    events.createEventBus(b -> b.name(bus));
  }

  @Test
  void createEventBus_whenCreated_isDescribedAndListed() {
    var described = events.describeEventBus(b -> b.name(bus));
    assertThat(described.name()).isEqualTo(bus);
    assertThat(described.arn())
        .isEqualTo(
            "arn:aws:events:"
                + endpoint().region().id()
                + ":"
                + endpoint().accountId(Account.PRIMARY)
                + ":event-bus/"
                + bus);
    assertThat(events.listEventBuses(b -> b.namePrefix(bus)).eventBuses())
        .extracting(b -> b.name())
        .containsExactly(bus);
  }

  @Test
  void createEventBus_whenNameTaken_throwsResourceAlreadyExists() {
    assertThatThrownBy(() -> events.createEventBus(b -> b.name(bus)))
        .isInstanceOf(ResourceAlreadyExistsException.class);
  }

  @Test
  void deleteEventBus_whenDeleted_describeThrowsResourceNotFound() {
    events.deleteEventBus(b -> b.name(bus));

    assertThatThrownBy(() -> events.describeEventBus(b -> b.name(bus)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void putRule_whenPatternInvalid_throwsInvalidEventPattern() {
    assertThatThrownBy(
            () ->
                events.putRule(
                    b -> b.name("bad").eventBusName(bus).eventPattern("{\"source\": \"x\"}")))
        .isInstanceOf(InvalidEventPatternException.class);
  }

  @Test
  void putEvents_whenRuleMatches_deliversTheFullEnvelope() throws Exception {
    String target = routeAllFrom("errorbridge.test", "all");
    Instant time = Instant.parse("2026-11-23T10:15:30Z");

    PutEventsResponse response =
        events.putEvents(
            b ->
                b.entries(
                    entry("errorbridge.test", "{\"workflowId\":\"wf-1\",\"attempt\":2}").toBuilder()
                        .time(time)
                        .resources("arn:aws:workflow:wf-1", "exec-9")
                        .build()));

    assertThat(response.failedEntryCount()).isZero();
    JsonNode envelope = JSON.readTree(awaitOne(target));
    assertThat(envelope.get("version").asText()).isEqualTo("0");
    assertThat(envelope.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
    assertThat(envelope.get("detail-type").asText()).isEqualTo("Workflow Execution Failed");
    assertThat(envelope.get("source").asText()).isEqualTo("errorbridge.test");
    assertThat(envelope.get("account").asText()).isEqualTo(endpoint().accountId(Account.PRIMARY));
    assertThat(envelope.get("time").asText()).isEqualTo("2026-11-23T10:15:30Z");
    assertThat(envelope.get("region").asText()).isEqualTo(endpoint().region().id());
    assertThat(envelope.get("resources"))
        .extracting(JsonNode::asText)
        .containsExactly("arn:aws:workflow:wf-1", "exec-9");
    assertThat(envelope.get("detail"))
        .isEqualTo(JSON.readTree("{\"workflowId\":\"wf-1\",\"attempt\":2}"));
  }

  @Test
  void putEvents_whenRulesUseMatchers_deliversOnlyToMatchingRules() {
    String prefix = rule("prefix", "{\"source\":[{\"prefix\":\"errorbridge.\"}]}");
    String anythingBut =
        rule("anything-but", "{\"detail\":{\"outcome\":[{\"anything-but\":[\"FAILED\"]}]}}");
    String numeric =
        rule("numeric", "{\"detail\":{\"durationMs\":[{\"numeric\":[\">=\",1000,\"<\",5000]}]}}");
    String exists = rule("exists", "{\"detail\":{\"steps\":[{\"exists\":true}]}}");

    events.putEvents(
        b ->
            b.entries(
                entry("errorbridge.dify", "{\"outcome\":\"FAILED\",\"durationMs\":1500}"),
                entry("other.app", "{\"outcome\":\"STOPPED\",\"durationMs\":10,\"steps\":[1]}")));

    assertThat(sources(prefix)).containsExactly("errorbridge.dify");
    assertThat(sources(anythingBut)).containsExactly("other.app");
    assertThat(sources(numeric)).containsExactly("errorbridge.dify");
    assertThat(sources(exists)).containsExactly("other.app");
  }

  @Test
  void putEvents_whenRuleDisabled_deliversNothing() {
    String target = routeAllFrom("errorbridge.test", "disabled");
    events.putRule(
        b ->
            b.name("disabled")
                .eventBusName(bus)
                .eventPattern("{\"source\":[\"errorbridge.test\"]}")
                .state(RuleState.DISABLED));

    events.putEvents(b -> b.entries(entry("errorbridge.test", "{}")));

    assertThat(endpoint().recordedEvents(target)).isEmpty();
  }

  @Test
  void putEvents_whenSomeEntriesInvalid_failsOnlyThoseInOrder() {
    PutEventsResponse response =
        events.putEvents(
            b ->
                b.entries(
                    entry("errorbridge.test", "{}"),
                    entry("aws.fake", "{}"),
                    entry("errorbridge.test", "not json"),
                    entry("errorbridge.test", "[1,2]"),
                    entry("errorbridge.test", "{}").toBuilder().detailType("x".repeat(129)).build(),
                    PutEventsRequestEntry.builder()
                        .eventBusName(bus)
                        .detailType("t")
                        .detail("{}")
                        .build(),
                    entry("errorbridge.test", "{}")));

    assertThat(response.failedEntryCount()).isEqualTo(5);
    assertThat(response.entries())
        .extracting(e -> e.errorCode())
        .containsExactly(
            null,
            "NotAuthorizedForSourceException",
            "MalformedDetail",
            "MalformedDetail",
            "InvalidArgument",
            "InvalidArgument",
            null);
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    assertThat(response.entries().get(6).eventId()).isNotBlank();
  }

  @Test
  void putEvents_whenMoreThanTenEntries_throwsValidation() {
    List<PutEventsRequestEntry> eleven =
        IntStream.range(0, 11).mapToObj(i -> entry("errorbridge.test", "{}")).toList();

    assertThatThrownBy(() -> events.putEvents(b -> b.entries(eleven)))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void putEvents_whenEntriesExceedSizeLimit_refusesTheRequest() {
    String big = "{\"text\":\"" + "x".repeat(300 * 1024) + "\"}";

    assertThatThrownBy(() -> events.putEvents(b -> b.entries(entry("errorbridge.test", big))))
        .isInstanceOfSatisfying(
            EventBridgeException.class, e -> assertThat(e.statusCode()).isIn(400, 413));
  }

  @Test
  void targets_whenAddedAndRemoved_areListedAndBlockRuleDeletion() {
    String target = routeAllFrom("errorbridge.test", "targets");
    assertThat(events.listTargetsByRule(b -> b.rule("targets").eventBusName(bus)).targets())
        .extracting(t -> t.arn())
        .containsExactly(target);
    assertThatThrownBy(() -> events.deleteRule(b -> b.name("targets").eventBusName(bus)))
        .isInstanceOf(EventBridgeException.class);

    events.removeTargets(b -> b.rule("targets").eventBusName(bus).ids("t1"));
    events.deleteRule(b -> b.name("targets").eventBusName(bus));

    assertThat(events.listRules(b -> b.eventBusName(bus)).rules()).isEmpty();
  }

  @Test
  void testEventPattern_whenEventMatches_returnsTrue() {
    String event =
        "{\"id\":\"1\",\"account\":\"111111111111\",\"source\":\"errorbridge.alloy\",\"time\":"
            + "\"2026-11-23T00:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail-type\":\"x\","
            + "\"detail\":{\"outcome\":\"FAILED\"}}";

    assertThat(
            events
                .testEventPattern(
                    b -> b.event(event).eventPattern("{\"detail\":{\"outcome\":[\"FAILED\"]}}"))
                .result())
        .isTrue();
    assertThat(
            events
                .testEventPattern(
                    b -> b.event(event).eventPattern("{\"source\":[{\"prefix\":\"aws.\"}]}"))
                .result())
        .isFalse();
  }

  @Test
  void otherAccount_cannotSeeOrPublishToThisAccountsBus() {
    assumeTrue(
        endpoint().refusesCrossAccountAccess(),
        "this endpoint does not check cross-account access");
    EventBridgeClient other = endpoint().eventBridge(Account.OTHER);
    String busArn = events.describeEventBus(b -> b.name(bus)).arn();
    String target = routeAllFrom("errorbridge.test", "isolation");

    assertThatThrownBy(() -> other.describeEventBus(b -> b.name(bus)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(other.listEventBuses(b -> b.namePrefix(bus)).eventBuses()).isEmpty();
    PutEventsResponse response =
        other.putEvents(
            b ->
                b.entries(
                    PutEventsRequestEntry.builder()
                        .eventBusName(busArn)
                        .source("errorbridge.test")
                        .detailType("x")
                        .detail("{}")
                        .build()));

    assertThat(response.failedEntryCount()).isEqualTo(1);
    assertThat(response.entries().get(0).errorCode()).isEqualTo("AccessDeniedException");
    assertThat(endpoint().recordedEvents(target)).isEmpty();
  }

  /**
   * A rule on the test bus matching {@code source}, with one recording target; returns the target
   * ARN.
   */
  protected String routeAllFrom(String source, String ruleName) {
    return ruleWithTarget(ruleName, "{\"source\":[\"" + source + "\"]}");
  }

  private String rule(String name, String pattern) {
    return ruleWithTarget(name, pattern);
  }

  private String ruleWithTarget(String name, String pattern) {
    events.putRule(b -> b.name(name).eventBusName(bus).eventPattern(pattern));
    String target = endpoint().createRecordingTarget(bus + "-" + name);
    events.putTargets(
        b -> b.rule(name).eventBusName(bus).targets(Target.builder().id("t1").arn(target).build()));
    return target;
  }

  private List<String> sources(String target) {
    return endpoint().recordedEvents(target).stream()
        .map(
            envelope -> {
              try {
                return JSON.readTree(envelope).get("source").asText();
              } catch (Exception e) {
                throw new AssertionError("not JSON: " + envelope, e);
              }
            })
        .toList();
  }

  private String awaitOne(String target) {
    List<String> recorded = endpoint().recordedEvents(target);
    assertThat(recorded).hasSize(1);
    return recorded.get(0);
  }

  protected PutEventsRequestEntry entry(String source, String detail) {
    return PutEventsRequestEntry.builder()
        .eventBusName(bus)
        .source(source)
        .detailType("Workflow Execution Failed")
        .detail(detail)
        .build();
  }

  protected String bus() {
    return bus;
  }

  protected EventBridgeClient events() {
    return events;
  }
}
