package dev.errorbridge.localaws.contract;

import dev.errorbridge.localaws.AccountCredentials;
import dev.errorbridge.localaws.LocalAws;
import dev.errorbridge.localaws.LocalAwsConfig;
import dev.errorbridge.localaws.events.DeliveredEvent;
import dev.errorbridge.localaws.fault.Fault;
import java.net.URI;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;

/** The contract suites' view of an in-process local-aws with two registered accounts. */
public final class LocalAwsEndpoint implements ContractEndpoint, AutoCloseable {
  public static final AccountCredentials PRIMARY =
      new AccountCredentials("primary-access-key", "primary-secret", "111111111111");
  public static final AccountCredentials OTHER =
      new AccountCredentials("other-access-key", "other-secret", "222222222222");

  private final LocalAws localAws;

  public LocalAwsEndpoint() {
    this(LocalAwsConfig.builder());
  }

  public LocalAwsEndpoint(LocalAwsConfig.Builder config) {
    this.localAws = LocalAws.start(config.credentials(PRIMARY).credentials(OTHER).build());
  }

  public LocalAws localAws() {
    return localAws;
  }

  @Override
  public URI endpoint() {
    return localAws.endpoint();
  }

  @Override
  public Region region() {
    return Region.US_EAST_1;
  }

  @Override
  public AwsBasicCredentials credentials(Account account) {
    AccountCredentials c = account == Account.PRIMARY ? PRIMARY : OTHER;
    return AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey());
  }

  @Override
  public String accountId(Account account) {
    return (account == Account.PRIMARY ? PRIMARY : OTHER).accountId();
  }

  @Override
  public boolean verifiesSignatures() {
    return true;
  }

  @Override
  public boolean injectsFaults() {
    return true;
  }

  @Override
  public void injectFault(Fault fault) {
    localAws.faults().inject(fault);
  }

  @Override
  public void clearFaults() {
    localAws.faults().clear();
  }

  @Override
  public String createRole(String name, Account owner, Account trusted, String externalId) {
    String roleArn = "arn:aws:iam::" + accountId(owner) + ":role/" + name;
    localAws.roles().register(roleArn, Set.of(accountId(trusted)), externalId);
    return roleArn;
  }

  @Override
  public String createRecordingTarget(String name) {
    return "arn:aws:sqs:" + region().id() + ":" + PRIMARY.accountId() + ":" + name;
  }

  @Override
  public List<String> recordedEvents(String targetArn) {
    return localAws.deliveries().forTarget(targetArn).stream()
        .map(DeliveredEvent::envelope)
        .toList();
  }

  @Override
  public void close() {
    localAws.close();
  }
}
