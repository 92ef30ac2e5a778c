package dev.errorbridge.connector.store;

/** A paging cursor was not one the API handed out. */
public class PageCursorInvalidException extends RuntimeException {
  public PageCursorInvalidException(String message) {
    super(message);
  }
}
