package dev.errorbridge.localaws.internal;

/** The little XML the Query protocol needs: escaping and the {@code ErrorResponse} document. */
public final class QueryXml {
  private QueryXml() {}

  /** Escapes text for an XML element or attribute. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}, the
   * shape the AWS SDK's Query protocol reads error codes from; {@code Type} is {@code Sender} for
   * 4xx and {@code Receiver} for 5xx.
   */
  public static String errorResponse(
      String namespace, int httpStatus, String code, String message, String requestId) {
    return "<ErrorResponse xmlns=\""
        + namespace
        + "\">\n  <Error>\n    <Type>"
        + (httpStatus >= 500 ? "Receiver" : "Sender")
        + "</Type>\n    <Code>"
        + escape(code)
        + "</Code>\n    <Message>"
        + escape(message == null ? "" : message)
        + "</Message>\n  </Error>\n  <RequestId>"
        + requestId
        + "</RequestId>\n</ErrorResponse>\n";
  }
}
