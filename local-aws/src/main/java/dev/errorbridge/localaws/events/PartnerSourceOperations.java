package dev.errorbridge.localaws.events;

import static dev.errorbridge.localaws.internal.JsonFields.optionalInt;
import static dev.errorbridge.localaws.internal.JsonFields.optionalString;
import static dev.errorbridge.localaws.internal.JsonFields.requiredString;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errorbridge.localaws.internal.AwsServiceException;
import dev.errorbridge.localaws.internal.Json;
import dev.errorbridge.localaws.internal.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The partner event source operations of both sides, with the request constraints of the
 * EventBridge API reference: the partner's CreatePartnerEventSource, DescribePartnerEventSource,
 * ListPartnerEventSources, ListPartnerEventSourceAccounts and DeletePartnerEventSource; the
 * customer's DescribeEventSource, ListEventSources, ActivateEventSource and DeactivateEventSource.
 */
final class PartnerSourceOperations {
  /** {@code EventSourceName} and partner source names: API reference pattern, 1–256 chars. */
  static final Pattern SOURCE_NAME = Pattern.compile("aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,}");

  private static final Pattern LIST_PREFIX =
      Pattern.compile("aws\\.partner/[\\.\\-_A-Za-z0-9]+/[/\\.\\-_A-Za-z0-9]*");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final int MAX_NAME_CHARS = 256;
  private static final int MAX_LIMIT = 100;

  private final PartnerEventSources sources;

  PartnerSourceOperations(PartnerEventSources sources) {
    this.sources = sources;
  }

  ObjectNode createPartnerEventSource(ObjectNode request, RequestContext context) {
    String name = sourceName(request, "Name");
    String account = account(request);
    PartnerEventSource created = sources.create(name, account, context);
    return Json.object().put("EventSourceArn", created.arn());
  }

  ObjectNode describePartnerEventSource(ObjectNode request, RequestContext context) {
    return partnerJson(sources.requireOwned(sourceName(request, "Name"), context));
  }

  ObjectNode listPartnerEventSources(ObjectNode request, RequestContext context) {
    String prefix = requiredString(request, "NamePrefix");
    if (prefix.length() > MAX_NAME_CHARS || !LIST_PREFIX.matcher(prefix).matches()) {
      throw AwsServiceException.validation(
          "Value '"
              + prefix
              + "' at 'namePrefix' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: aws\\.partner/[\\.\\-_A-Za-z0-9]+/[/\\.\\-_A-Za-z0-9]*");
    }
    return page(
        request,
        sources.listOwned(prefix, context),
        "PartnerEventSources",
        PartnerSourceOperations::partnerJson);
  }

  ObjectNode listPartnerEventSourceAccounts(ObjectNode request, RequestContext context) {
    PartnerEventSource source =
        sources.requireOwned(sourceName(request, "EventSourceName"), context);
    return page(
        request,
        List.of(source),
        "PartnerEventSourceAccounts",
        s -> {
          ObjectNode json = Json.object().put("Account", s.customerAccountId());
          json.put("CreationTime", Json.epochSeconds(s.createdAt()));
          if (s.expiresAt() != null) {
            json.put("ExpirationTime", Json.epochSeconds(s.expiresAt()));
          }
          return json.put("State", s.state().name());
        });
  }

  ObjectNode deletePartnerEventSource(ObjectNode request, RequestContext context) {
    sources.delete(sourceName(request, "Name"), account(request), context);
    return Json.object();
  }

  ObjectNode describeEventSource(ObjectNode request, RequestContext context) {
    return customerJson(sources.requireOffered(sourceName(request, "Name"), context));
  }

  ObjectNode listEventSources(ObjectNode request, RequestContext context) {
    String prefix = optionalString(request, "NamePrefix");
    return page(
        request,
        sources.listOffered(prefix, context),
        "EventSources",
        PartnerSourceOperations::customerJson);
  }

  ObjectNode activateEventSource(ObjectNode request, RequestContext context) {
    sources.activate(sourceName(request, "Name"), context);
    return Json.object();
  }

  ObjectNode deactivateEventSource(ObjectNode request, RequestContext context) {
    sources.deactivate(sourceName(request, "Name"), context);
    return Json.object();
  }

  /** A request member holding a partner event source name, checked against the API's pattern. */
  static String sourceName(ObjectNode request, String member) {
    String name = requiredString(request, member);
    if (name.length() > MAX_NAME_CHARS || !SOURCE_NAME.matcher(name).matches()) {
      throw AwsServiceException.validation(
          "Value '"
              + name
              + "' at '"
              + Character.toLowerCase(member.charAt(0))
              + member.substring(1)
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " aws\\.partner(/[\\.\\-_A-Za-z0-9]+){2,} and have length between 1 and 256");
    }
    return name;
  }

  private static String account(ObjectNode request) {
    String account = requiredString(request, "Account");
    if (!ACCOUNT.matcher(account).matches()) {
      throw AwsServiceException.validation(
          "Value '"
              + account
              + "' at 'account' failed to satisfy constraint: Member must have length 12 and"
              + " satisfy regular expression pattern: \\d{12}");
    }
    return account;
  }

  private static ObjectNode partnerJson(PartnerEventSource source) {
    return Json.object().put("Arn", source.arn()).put("Name", source.name());
  }

  private static ObjectNode customerJson(PartnerEventSource source) {
    ObjectNode json = Json.object().put("Arn", source.arn());
    json.put("CreatedBy", source.createdBy());
    json.put("CreationTime", Json.epochSeconds(source.createdAt()));
    if (source.expiresAt() != null) {
      json.put("ExpirationTime", Json.epochSeconds(source.expiresAt()));
    }
    return json.put("Name", source.name()).put("State", source.state().name());
  }

  /**
   * One page of {@code all}: {@code Limit} (1–100) items from the offset {@code NextToken} holds.
   */
  private static ObjectNode page(
      ObjectNode request,
      List<PartnerEventSource> all,
      String member,
      Function<PartnerEventSource, ObjectNode> json) {
    int limit = optionalInt(request, "Limit", MAX_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw AwsServiceException.validation(
          "Value '" + limit + "' at 'limit' failed to satisfy constraint: between 1 and 100");
    }
    int from = offset(optionalString(request, "NextToken"));
    ObjectNode response = Json.object();
    ArrayNode items = response.putArray(member);
    int to = Math.min(all.size(), from + limit);
    for (int i = from; i < to; i++) {
      items.add(json.apply(all.get(i)));
    }
    if (to < all.size()) {
      response.put(
          "NextToken",
          Base64.getEncoder().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private static int offset(String nextToken) {
    if (nextToken == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(nextToken), StandardCharsets.UTF_8);
      if (decoded.startsWith("offset:")) {
        return Math.max(0, Integer.parseInt(decoded.substring("offset:".length())));
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw AwsServiceException.validation("NextToken is not a token this operation returned.");
  }
}
