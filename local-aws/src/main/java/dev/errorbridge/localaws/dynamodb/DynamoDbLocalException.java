package dev.errorbridge.localaws.dynamodb;

/** DynamoDB Local could not be started or stopped. */
public class DynamoDbLocalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DynamoDbLocalException(String message) {
    super(message);
  }

  DynamoDbLocalException(String message, Throwable cause) {
    super(message, cause);
  }
}
