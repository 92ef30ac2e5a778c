package dev.errorbridge.connector.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real n8n per test JVM, with the receiver its Error Trigger sample posts to: test classes
 * declare {@code @ExtendWith(N8nExtension.class)} and take an {@link N8nInstance} or {@link
 * N8nPushReceiver} parameter. Both start on first use and stop when the test run ends (JUnit closes
 * them with the root store).
 *
 * <p>When n8n is not installed, or does not start, every test asking for it fails with the reason
 * (the first attempt's, without starting again): a build without n8n never passes by skipping.
 */
public final class N8nExtension implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(N8nExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == N8nInstance.class || type == N8nPushReceiver.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class);
    shared.failIfNotStarted();
    return parameter.getParameter().getType() == N8nInstance.class ? shared.n8n : shared.receiver;
  }

  /** The instance and its receiver, or why they could not be started. */
  private static final class Shared implements AutoCloseable {
    private final N8nInstance n8n;
    private final N8nPushReceiver receiver;
    private final RuntimeException failure;

    private Shared(N8nInstance n8n, N8nPushReceiver receiver, RuntimeException failure) {
      this.n8n = n8n;
      this.receiver = receiver;
      this.failure = failure;
    }

    static Shared start() {
      N8nPushReceiver receiver = N8nPushReceiver.start();
      try {
        N8nHome home = N8nHome.installed();
        return new Shared(N8nInstance.start(home, receiver.environment()), receiver, null);
      } catch (RuntimeException e) {
        receiver.close();
        return new Shared(null, null, e);
      }
    }

    void failIfNotStarted() {
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public void close() {
      if (n8n != null) {
        n8n.close();
      }
      if (receiver != null) {
        receiver.close();
      }
    }
  }
}
