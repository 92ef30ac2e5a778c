package dev.errorbridge.connector.poll;

/** A backfill was asked for an empty or reversed window; the message gives a valid example. */
public class BackfillWindowInvalidException extends IllegalArgumentException {

  public BackfillWindowInvalidException(String message) {
    super(message);
  }
}
