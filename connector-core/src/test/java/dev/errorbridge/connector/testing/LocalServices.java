package dev.errorbridge.connector.testing;

import dev.errorbridge.localaws.LocalAws;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * DynamoDB Local and local-aws, started once per test JVM (on first use) and shared by every test
 * class that declares {@code @ExtendWith(LocalServices.class)}: a {@code @BeforeAll} method (or a
 * constructor, or a test) takes a {@link LocalDynamoDb}, {@link LocalAws} or {@link
 * LocalAwsServices} parameter. They stop when the test run ends; a test class never closes them.
 *
 * <p>Tests stay independent by what they create, not by a server of their own: a fresh table per
 * test ({@link LocalDynamoDb#newTable()}), their own connection ids and KMS keys. Before each test
 * class, local-aws forgets the deliveries it recorded and the faults injected before.
 */
public final class LocalServices implements BeforeAllCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(LocalServices.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    LocalAws localAws = store(context).get(LocalAws.class, LocalAws.class);
    if (localAws != null) {
      localAws.deliveries().clear();
      localAws.faults().clear();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalDynamoDb.class || type == LocalAws.class || type == LocalAwsServices.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == LocalDynamoDb.class) {
      return dynamoDb(context);
    }
    if (type == LocalAws.class) {
      return localAws(context);
    }
    return store(context)
        .getOrComputeIfAbsent(
            LocalAwsServices.class,
            k -> LocalAwsServices.on(localAws(context), dynamoDb(context)),
            LocalAwsServices.class);
  }

  private static LocalDynamoDb dynamoDb(ExtensionContext context) {
    return store(context)
        .getOrComputeIfAbsent(LocalDynamoDb.class, k -> LocalDynamoDb.start(), LocalDynamoDb.class);
  }

  private static LocalAws localAws(ExtensionContext context) {
    return store(context)
        .getOrComputeIfAbsent(LocalAws.class, k -> LocalAws.start(), LocalAws.class);
  }

  /** The store of the whole run: what is put there lives until the run ends, then is closed. */
  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }
}
