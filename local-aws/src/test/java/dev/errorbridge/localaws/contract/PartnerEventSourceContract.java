package dev.errorbridge.localaws.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errorbridge.localaws.contract.ContractEndpoint.Account;
import dev.errorbridge.localaws.fault.Fault;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.EventSource;
import software.amazon.awssdk.services.eventbridge.model.EventSourceState;
import software.amazon.awssdk.services.eventbridge.model.InvalidStateException;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutPartnerEventsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * SaaS partner event sources through the real SDK, from both sides: the PRIMARY account is the
 * partner (the Errorbridge operator) and creates a source for the OTHER account, the customer, who
 * accepts it by creating the partner event bus. Covers each documented state (PENDING, ACTIVE,
 * DELETED) and what PutPartnerEvents does in it.
 */
public abstract class PartnerEventSourceContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAILED = "Workflow Execution Failed";

  protected abstract ContractEndpoint endpoint();

  private EventBridgeClient partner;
  private EventBridgeClient customer;
  private String source;

  @BeforeEach
  void createSource() {
    partner = endpoint().eventBridge(Account.PRIMARY);
    customer = endpoint().eventBridge(Account.OTHER);
    source = "aws.partner/errorbridge.dev/" + UUID.randomUUID() + "/conn-1";
    partner.createPartnerEventSource(
        b -> b.name(source).account(endpoint().accountId(Account.OTHER)));
  }

  @AfterEach
  void clearFaults() {
    if (endpoint().injectsFaults()) {
      endpoint().clearFaults();
    }
  }

  @Test
  void createPartnerEventSource_whenCreated_isPendingForTheCustomerAndDescribedToThePartner() {
    var described = partner.describePartnerEventSource(b -> b.name(source));
    assertThat(described.name()).isEqualTo(source);
    assertThat(described.arn())
        .isEqualTo("arn:aws:events:" + endpoint().region().id() + "::event-source/" + source);

    var offered = customer.describeEventSource(b -> b.name(source));
    assertThat(offered.state()).isEqualTo(EventSourceState.PENDING);
    assertThat(offered.createdBy()).isEqualTo("errorbridge.dev");
    assertThat(offered.arn()).isEqualTo(described.arn());
    assertThat(offered.creationTime()).isNotNull();

    var accounts = partner.listPartnerEventSourceAccounts(b -> b.eventSourceName(source));
    assertThat(accounts.partnerEventSourceAccounts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.account()).isEqualTo(endpoint().accountId(Account.OTHER));
              assertThat(a.state()).isEqualTo(EventSourceState.PENDING);
            });
  }

  @Test
  void createPartnerEventSource_whenNameTaken_throwsResourceAlreadyExists() {
    assertThatThrownBy(
            () ->
                partner.createPartnerEventSource(
                    b -> b.name(source).account(endpoint().accountId(Account.PRIMARY))))
        .isInstanceOf(ResourceAlreadyExistsException.class);
  }

  @Test
  void createPartnerEventSource_whenNameOrAccountMalformed_throwsValidationNamingTheMember() {
    assertThatThrownBy(
            () ->
                partner.createPartnerEventSource(
                    b -> b.name("errorbridge.dev/tnt_1/conn").account("222222222222")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("'name'")
        .extracting(e -> ((EventBridgeException) e).awsErrorDetails().errorCode())
        .isEqualTo("ValidationException");
    assertThatThrownBy(
            () -> partner.createPartnerEventSource(b -> b.name(source + "-2").account("2222")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("'account'");
    assertThatThrownBy(() -> partner.listPartnerEventSources(b -> b.namePrefix("aws.partner")))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("'namePrefix'");
  }

  @Test
  void describeEventSource_whenAnotherAccountAsks_throwsResourceNotFound() {
    assertThatThrownBy(() -> partner.describeEventSource(b -> b.name(source)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> customer.describePartnerEventSource(b -> b.name(source)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void putPartnerEvents_whenSourcePending_returnsEventIdsAndDropsTheEvents() {
    PutPartnerEventsResponse beforeAssociation = partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(beforeAssociation.failedEntryCount()).isZero();
    assertThat(beforeAssociation.entries().get(0).eventId()).isNotBlank();

    String target = associateWithRule();

    assertThat(endpoint().recordedEvents(target)).isEmpty();
    partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(endpoint().recordedEvents(target)).hasSize(1);
  }

  @Test
  void createEventBus_whenNamedAfterTheSource_activatesItOnBothSides() {
    var created = customer.createEventBus(b -> b.name(source).eventSourceName(source));

    assertThat(created.eventBusArn())
        .isEqualTo(
            "arn:aws:events:"
                + endpoint().region().id()
                + ":"
                + endpoint().accountId(Account.OTHER)
                + ":event-bus/"
                + source);
    assertThat(customer.describeEventSource(b -> b.name(source)).state())
        .isEqualTo(EventSourceState.ACTIVE);
    assertThat(partnerSideState()).isEqualTo(EventSourceState.ACTIVE);
    assertThat(customer.describeEventBus(b -> b.name(source)).name()).isEqualTo(source);
  }

  @Test
  void createEventBus_whenNameDiffersFromTheSource_throwsValidation() {
    assertThatThrownBy(
            () -> customer.createEventBus(b -> b.name("errorbridge-bus").eventSourceName(source)))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("must be exactly the partner event source name");
  }

  @Test
  void createEventBus_whenTheSourceIsOfferedToAnotherAccount_throwsResourceNotFound() {
    assertThatThrownBy(() -> partner.createEventBus(b -> b.name(source).eventSourceName(source)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void putPartnerEvents_whenSourceActive_deliversToTheCustomersMatchingRules() throws Exception {
    String target = associateWithRule();

    PutPartnerEventsResponse response =
        partner.putPartnerEvents(
            b ->
                b.entries(
                    entry(),
                    entry().toBuilder().detailType("Errorbridge Connection Test").build()));

    assertThat(response.failedEntryCount()).isZero();
    List<String> delivered = endpoint().recordedEvents(target);
    assertThat(delivered).hasSize(1);
    JsonNode envelope = JSON.readTree(delivered.get(0));
    assertThat(envelope.get("id").textValue()).isEqualTo(response.entries().get(0).eventId());
    assertThat(envelope.get("source").textValue()).isEqualTo(source);
    assertThat(envelope.get("detail-type").textValue()).isEqualTo(FAILED);
    assertThat(envelope.get("account").textValue()).isEqualTo(endpoint().accountId(Account.OTHER));
    assertThat(envelope.get("region").textValue()).isEqualTo(endpoint().region().id());
    assertThat(envelope.at("/detail/eventId").textValue()).isEqualTo("e-1");
    assertThat(envelope.get("resources").get(0).textValue())
        .isEqualTo("errorbridge:runflow:workflow/wf-1");
  }

  @Test
  void putPartnerEvents_whenSomeEntriesInvalid_failsOnlyThoseInRequestOrder() {
    associateWithRule();

    PutPartnerEventsResponse response =
        partner.putPartnerEvents(
            b ->
                b.entries(
                    entry(),
                    entry().toBuilder().detailType(null).build(),
                    entry().toBuilder().detail("not json").build(),
                    entry().toBuilder().detailType("x".repeat(129)).build(),
                    entry().toBuilder().source(source + "-unknown").build(),
                    entry()));

    assertThat(response.failedEntryCount()).isEqualTo(4);
    assertThat(response.entries())
        .extracting(PutPartnerEventsResultEntry::errorCode)
        .containsExactly(
            null,
            "InvalidArgument",
            "MalformedDetail",
            "InvalidArgument",
            "NotAuthorizedForSourceException",
            null);
    assertThat(response.entries().get(1).errorMessage()).contains("DetailType");
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    assertThat(response.entries().get(1).eventId()).isNull();
  }

  @Test
  void putPartnerEvents_whenTwentyEntries_acceptsThemAndRefusesTwentyOne() {
    associateWithRule();
    List<PutPartnerEventsRequestEntry> twenty =
        IntStream.range(0, 20).mapToObj(i -> entry()).toList();

    assertThat(partner.putPartnerEvents(b -> b.entries(twenty)).failedEntryCount()).isZero();

    List<PutPartnerEventsRequestEntry> twentyOne =
        IntStream.range(0, 21).mapToObj(i -> entry()).toList();
    assertThatThrownBy(() -> partner.putPartnerEvents(b -> b.entries(twentyOne)))
        .isInstanceOf(EventBridgeException.class)
        .hasMessageContaining("between 1 and 20");
  }

  @Test
  void putPartnerEvents_whenNoEntryHasSourceDetailTypeAndDetail_failsTheWholeRequest() {
    assertThatThrownBy(
            () ->
                partner.putPartnerEvents(b -> b.entries(entry().toBuilder().detail(null).build())))
        .isInstanceOf(EventBridgeException.class)
        .extracting(e -> ((EventBridgeException) e).awsErrorDetails().errorCode())
        .isEqualTo("ValidationException");
  }

  @Test
  void putPartnerEvents_whenTheCallerIsNotTheSourcesPartner_failsNotAuthorized() {
    associateWithRule();

    PutPartnerEventsResponse response = customer.putPartnerEvents(b -> b.entries(entry()));

    assertThat(response.entries().get(0).errorCode()).isEqualTo("NotAuthorizedForSourceException");
  }

  @Test
  void deleteEventBus_whenTheCustomerDeletesThePartnerBus_sourceIsPendingAndEventsDropped() {
    String target = associateWithRule();
    customer.removeTargets(b -> b.eventBusName(source).rule("failures").ids("recorder"));
    customer.deleteRule(b -> b.eventBusName(source).name("failures"));

    customer.deleteEventBus(b -> b.name(source));

    assertThat(customer.describeEventSource(b -> b.name(source)).state())
        .isEqualTo(EventSourceState.PENDING);
    assertThat(partnerSideState()).isEqualTo(EventSourceState.PENDING);
    PutPartnerEventsResponse response = partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(response.failedEntryCount()).isZero();
    assertThat(endpoint().recordedEvents(target)).isEmpty();
  }

  @Test
  void deactivateEventSource_whenActive_isPendingWithAnExpiryUntilActivatedAgain() {
    String target = associateWithRule();

    customer.deactivateEventSource(b -> b.name(source));

    var deactivated = customer.describeEventSource(b -> b.name(source));
    assertThat(deactivated.state()).isEqualTo(EventSourceState.PENDING);
    assertThat(deactivated.expirationTime()).isAfter(deactivated.creationTime());
    partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(endpoint().recordedEvents(target)).isEmpty();

    customer.activateEventSource(b -> b.name(source));

    assertThat(customer.describeEventSource(b -> b.name(source)).state())
        .isEqualTo(EventSourceState.ACTIVE);
    partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(endpoint().recordedEvents(target)).hasSize(1);
  }

  @Test
  void activateEventSource_whenNoBusOrAlreadyActive_isRefused() {
    assertThatThrownBy(() -> customer.activateEventSource(b -> b.name(source)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("or event bus");
    assertThatThrownBy(() -> customer.deactivateEventSource(b -> b.name(source)))
        .isInstanceOf(InvalidStateException.class);

    associateWithRule();

    assertThatThrownBy(() -> customer.activateEventSource(b -> b.name(source)))
        .isInstanceOf(InvalidStateException.class);
  }

  @Test
  void deletePartnerEventSource_whenThePartnerDeletesIt_customerSeesDeletedAndEntriesFail() {
    String target = associateWithRule();

    partner.deletePartnerEventSource(
        b -> b.name(source).account(endpoint().accountId(Account.OTHER)));

    assertThat(customer.describeEventSource(b -> b.name(source)).state())
        .isEqualTo(EventSourceState.DELETED);
    assertThat(customer.listEventSources(b -> b.namePrefix(source)).eventSources())
        .extracting(EventSource::state)
        .containsExactly(EventSourceState.DELETED);
    assertThatThrownBy(() -> partner.describePartnerEventSource(b -> b.name(source)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> partner.listPartnerEventSourceAccounts(b -> b.eventSourceName(source)))
        .isInstanceOf(ResourceNotFoundException.class);
    PutPartnerEventsResponse response = partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(response.entries().get(0).errorCode()).isEqualTo("NotAuthorizedForSourceException");
    assertThat(endpoint().recordedEvents(target)).isEmpty();
  }

  @Test
  void createPartnerEventSource_whenRecreatedAfterDeletion_customerReactivatesTheKeptBus() {
    String target = associateWithRule();
    partner.deletePartnerEventSource(
        b -> b.name(source).account(endpoint().accountId(Account.OTHER)));

    partner.createPartnerEventSource(
        b -> b.name(source).account(endpoint().accountId(Account.OTHER)));

    assertThat(customer.describeEventSource(b -> b.name(source)).state())
        .isEqualTo(EventSourceState.PENDING);
    customer.activateEventSource(b -> b.name(source));
    partner.putPartnerEvents(b -> b.entries(entry()));
    assertThat(endpoint().recordedEvents(target)).hasSize(1);
  }

  @Test
  void deletePartnerEventSource_whenNeverAssociated_leavesNoTraceForTheCustomer() {
    partner.deletePartnerEventSource(
        b -> b.name(source).account(endpoint().accountId(Account.OTHER)));
    partner.deletePartnerEventSource(
        b -> b.name(source).account(endpoint().accountId(Account.OTHER)));

    assertThatThrownBy(() -> customer.describeEventSource(b -> b.name(source)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listPartnerEventSources_whenPaged_listsOnlyTheCallersSourcesByName() {
    String prefix = source.substring(0, source.lastIndexOf('/') + 1);
    String second = prefix + "conn-2";
    partner.createPartnerEventSource(
        b -> b.name(second).account(endpoint().accountId(Account.OTHER)));

    var first = partner.listPartnerEventSources(b -> b.namePrefix(source).limit(1));
    assertThat(first.partnerEventSources()).extracting(s -> s.name()).containsExactly(source);
    assertThat(first.nextToken()).isNull();
    var page1 = partner.listPartnerEventSources(b -> b.namePrefix(prefix).limit(1));
    var page2 =
        partner.listPartnerEventSources(
            b -> b.namePrefix(prefix).limit(1).nextToken(page1.nextToken()));
    List<String> all =
        java.util.stream.Stream.of(page1, page2)
            .flatMap(p -> p.partnerEventSources().stream())
            .map(s -> s.name())
            .toList();
    assertThat(all).containsExactly(source, second);
    assertThat(customer.listPartnerEventSources(b -> b.namePrefix(prefix)).partnerEventSources())
        .isEmpty();
    assertThat(customer.listEventSources(b -> b.namePrefix(prefix)).eventSources())
        .extracting(EventSource::name)
        .contains(source, second);
  }

  @Test
  void putPartnerEvents_whenEntryFaultInjected_failsExactlyThoseEntries() {
    assumeTrue(endpoint().injectsFaults(), "this endpoint cannot inject faults");
    String target = associateWithRule();
    endpoint().injectFault(Fault.entryError("PutPartnerEvents", "ThrottlingException", 1, 15));
    List<PutPartnerEventsRequestEntry> sixteen =
        IntStream.range(0, 16).mapToObj(i -> entry()).toList();

    PutPartnerEventsResponse response = partner.putPartnerEvents(b -> b.entries(sixteen));

    assertThat(response.failedEntryCount()).isEqualTo(2);
    assertThat(response.entries().get(1).errorCode()).isEqualTo("ThrottlingException");
    assertThat(response.entries().get(15).errorCode()).isEqualTo("ThrottlingException");
    assertThat(endpoint().recordedEvents(target)).hasSize(14);
  }

  @Test
  void putPartnerEvents_whenThrottled_throwsThrottlingAndDeliversNothing() {
    assumeTrue(endpoint().injectsFaults(), "this endpoint cannot inject faults");
    String target = associateWithRule();
    endpoint().injectFault(Fault.throttle("PutPartnerEvents"));

    assertThatThrownBy(() -> partner.putPartnerEvents(b -> b.entries(entry())))
        .isInstanceOf(EventBridgeException.class)
        .extracting(e -> ((EventBridgeException) e).awsErrorDetails().errorCode())
        .isEqualTo("ThrottlingException");
    assertThat(endpoint().recordedEvents(target)).isEmpty();
    assertThat(partner.putPartnerEvents(b -> b.entries(entry())).failedEntryCount()).isZero();
  }

  /** The customer accepts the source and routes Errorbridge failures on it to a recorder. */
  private String associateWithRule() {
    customer.createEventBus(b -> b.name(source).eventSourceName(source));
    customer.putRule(
        b ->
            b.eventBusName(source)
                .name("failures")
                .eventPattern(
                    "{\"source\":[\"" + source + "\"],\"detail-type\":[\"" + FAILED + "\"]}"));
    String target = endpoint().createRecordingTarget("partner-" + UUID.randomUUID());
    customer.putTargets(
        b -> b.eventBusName(source).rule("failures").targets(t -> t.id("recorder").arn(target)));
    return target;
  }

  private EventSourceState partnerSideState() {
    return partner
        .listPartnerEventSourceAccounts(b -> b.eventSourceName(source))
        .partnerEventSourceAccounts()
        .get(0)
        .state();
  }

  private PutPartnerEventsRequestEntry entry() {
    return PutPartnerEventsRequestEntry.builder()
        .source(source)
        .detailType(FAILED)
        .detail("{\"eventId\":\"e-1\",\"platform\":\"runflow\"}")
        .resources("errorbridge:runflow:workflow/wf-1")
        .build();
  }
}
