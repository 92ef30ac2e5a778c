package dev.errorbridge.connector.deadletter;

class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
  @Override
  DeadLetterStore store() {
    return new InMemoryDeadLetterStore();
  }
}
