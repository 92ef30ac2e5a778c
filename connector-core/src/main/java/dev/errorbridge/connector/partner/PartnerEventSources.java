package dev.errorbridge.connector.partner;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.ListPartnerEventSourceAccountsResponse;
import software.amazon.awssdk.services.eventbridge.model.PartnerEventSourceAccount;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * The partner side of EventBridge's partner event source API, called with the operator's own
 * credentials in the source's region: create a customer's source, read its state, delete it.
 *
 * <p>A source is created in one region and the customer associates it in that region, so clients
 * are kept per region.
 */
public final class PartnerEventSources implements AutoCloseable {
  private final AwsCredentialsProvider operatorCredentials;
  private final URI endpointOverride;
  private final SdkHttpClient http;
  private final Map<Region, EventBridgeClient> byRegion = new ConcurrentHashMap<>();

  /**
   * @param operatorCredentials the deployment's own identity (the function's role)
   * @param endpointOverride EventBridge's endpoint (local-aws), or {@code null} for AWS's
   * @param http the HTTP client every region's SDK client shares (not closed here)
   */
  public PartnerEventSources(
      AwsCredentialsProvider operatorCredentials, URI endpointOverride, SdkHttpClient http) {
    this.operatorCredentials = operatorCredentials;
    this.endpointOverride = endpointOverride;
    this.http = http;
  }

  /**
   * Creates the source {@code name} for {@code accountId} in {@code region}; a source of that name
   * offered to the same account already is kept (a retried create, or one a crash left behind).
   *
   * @throws PartnerSourceCallFailedException if EventBridge refused or did not answer
   */
  public void create(String name, String accountId, String region) {
    try {
      client(region).createPartnerEventSource(r -> r.name(name).account(accountId));
    } catch (ResourceAlreadyExistsException exists) {
      PartnerSourceState state = state(name, region);
      if (!accountId.equals(state.accountId())) {
        throw new PartnerSourceCallFailedException(
            "partner event source "
                + name
                + " already exists in "
                + region
                + " for another account; delete it (DeletePartnerEventSource) or use another"
                + " connection",
            "ResourceAlreadyExistsException",
            false,
            exists);
      }
    } catch (SdkException e) {
      throw failed("create", name, region, e);
    }
  }

  /**
   * The source's state from {@code ListPartnerEventSourceAccounts}, the call that tells a partner
   * whether the customer has associated it.
   *
   * @throws PartnerSourceCallFailedException if EventBridge refused or did not answer
   */
  public PartnerSourceState state(String name, String region) {
    try {
      ListPartnerEventSourceAccountsResponse response =
          client(region).listPartnerEventSourceAccounts(r -> r.eventSourceName(name));
      if (response.partnerEventSourceAccounts().isEmpty()) {
        return PartnerSourceState.notFound();
      }
      PartnerEventSourceAccount account = response.partnerEventSourceAccounts().get(0);
      PartnerSourceState.Status status =
          switch (account.stateAsString() == null ? "" : account.stateAsString()) {
            case "ACTIVE" -> PartnerSourceState.Status.ACTIVE;
            case "DELETED" -> PartnerSourceState.Status.DELETED;
            default -> PartnerSourceState.Status.PENDING;
          };
      return new PartnerSourceState(status, account.account(), account.expirationTime());
    } catch (ResourceNotFoundException gone) {
      return PartnerSourceState.notFound();
    } catch (SdkException e) {
      throw failed("read", name, region, e);
    }
  }

  /**
   * Deletes the source; one already gone is fine.
   *
   * @throws PartnerSourceCallFailedException if EventBridge refused or did not answer
   */
  public void delete(String name, String accountId, String region) {
    try {
      client(region).deletePartnerEventSource(r -> r.name(name).account(accountId));
    } catch (ResourceNotFoundException gone) {
      // deleted already (or expired): nothing to do
    } catch (SdkException e) {
      throw failed("delete", name, region, e);
    }
  }

  private EventBridgeClient client(String region) {
    return byRegion.computeIfAbsent(
        Region.of(region),
        r -> {
          EventBridgeClientBuilder builder =
              EventBridgeClient.builder()
                  .region(r)
                  .credentialsProvider(operatorCredentials)
                  .httpClient(http);
          if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
          }
          return builder.build();
        });
  }

  private static PartnerSourceCallFailedException failed(
      String what, String name, String region, SdkException e) {
    String code =
        e instanceof AwsServiceException service && service.awsErrorDetails() != null
            ? service.awsErrorDetails().errorCode()
            : null;
    boolean retryable =
        !(e instanceof AwsServiceException service)
            || service.isThrottlingException()
            || service.statusCode() >= 500;
    String fix =
        "AccessDeniedException".equals(code)
            ? "; the deployment's role needs events:CreatePartnerEventSource,"
                + " DescribePartnerEventSource, ListPartnerEventSourceAccounts,"
                + " DeletePartnerEventSource and PutPartnerEvents (the infra stack grants them when"
                + " partner mode is on), and the account must be registered as an EventBridge"
                + " partner"
            : retryable ? "; try again shortly" : "";
    return new PartnerSourceCallFailedException(
        "could not "
            + what
            + " partner event source "
            + name
            + " in "
            + region
            + " ("
            + (code == null ? e.getClass().getSimpleName() : code)
            + ")"
            + fix,
        code,
        retryable,
        e);
  }

  @Override
  public void close() {
    byRegion.values().forEach(EventBridgeClient::close);
    byRegion.clear();
  }
}
