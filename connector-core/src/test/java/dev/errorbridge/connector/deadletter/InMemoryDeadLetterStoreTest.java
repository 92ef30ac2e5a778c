package dev.errorbridge.connector.deadletter;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
  @Override
  protected DeadLetterStore store() {
    return new InMemoryDeadLetterStore();
  }
}
