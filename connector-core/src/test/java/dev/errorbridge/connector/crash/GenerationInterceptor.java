package dev.errorbridge.connector.crash;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Ties every AWS SDK client to the {@link Generation} that was running on the thread that built it,
 * and lets that generation count, watch and stop the client's calls. Registered for every client in
 * this module's tests through the SDK's global interceptor list ({@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} on the test classpath), since
 * {@code ConnectorComponents} builds its own clients; a client built outside a generation (every
 * other test) passes through untouched.
 */
public final class GenerationInterceptor implements ExecutionInterceptor {
  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");
  private static final ExecutionAttribute<Integer> CALL = new ExecutionAttribute<>("crash-call");

  private final Generation owner = Generation.current();

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (owner == null) {
      return;
    }
    attributes.putAttribute(
        CALL, owner.beforeTransmission(operation(attributes), putEventIds(context)));
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (owner == null) {
      return;
    }
    Integer call = attributes.getAttribute(CALL);
    owner.afterTransmission(operation(attributes), call == null ? -1 : call);
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
        + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  private static Set<String> putEventIds(Context.BeforeTransmission context) {
    Set<String> ids = new LinkedHashSet<>();
    if (context.request() instanceof PutEventsRequest put) {
      for (PutEventsRequestEntry entry : put.entries()) {
        Matcher m = EVENT_ID.matcher(entry.detail() == null ? "" : entry.detail());
        if (m.find()) {
          ids.add(m.group(1));
        }
      }
    }
    return ids;
  }
}
