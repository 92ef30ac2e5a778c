package dev.errorbridge.connector.store;

/**
 * A paging cursor was not one the API handed out: the client's mistake (400), so it carries no
 * stack trace. The message follows the word "cursor" ({@code "is not one this API returned…"}).
 */
public class PageCursorInvalidException extends RuntimeException {
  public PageCursorInvalidException(String message) {
    super(message, null, false, false);
  }
}
