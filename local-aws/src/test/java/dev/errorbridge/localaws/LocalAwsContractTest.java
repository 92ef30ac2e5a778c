package dev.errorbridge.localaws;

import dev.errorbridge.localaws.contract.ContractEndpoint;
import dev.errorbridge.localaws.contract.EventBridgeContract;
import dev.errorbridge.localaws.contract.FaultContract;
import dev.errorbridge.localaws.contract.KmsContract;
import dev.errorbridge.localaws.contract.LocalAwsEndpoint;
import dev.errorbridge.localaws.contract.PartnerEventSourceContract;
import dev.errorbridge.localaws.contract.SigV4Contract;
import dev.errorbridge.localaws.contract.StsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The contract suites against one in-process local-aws, over HTTP, through the real SDK. */
class LocalAwsContractTest {
  private static LocalAwsEndpoint endpoint;

  @BeforeAll
  static void start() {
    endpoint = new LocalAwsEndpoint();
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  @Nested
  class EventBridge extends EventBridgeContract {
    @Override
    protected ContractEndpoint endpoint() {
      return endpoint;
    }
  }

  @Nested
  class Kms extends KmsContract {
    @Override
    protected ContractEndpoint endpoint() {
      return endpoint;
    }
  }

  @Nested
  class SigV4 extends SigV4Contract {
    @Override
    protected ContractEndpoint endpoint() {
      return endpoint;
    }
  }

  @Nested
  class Faults extends FaultContract {
    @Override
    protected ContractEndpoint endpoint() {
      return endpoint;
    }
  }

  @Nested
  class Sts extends StsContract {
    @Override
    protected ContractEndpoint endpoint() {
      return endpoint;
    }
  }

  @Nested
  class PartnerEventSources extends PartnerEventSourceContract {
    @Override
    protected ContractEndpoint endpoint() {
      return endpoint;
    }
  }
}
