package dev.errorbridge.connector.settings;

import dev.errorbridge.connector.connection.Connection;

/** Lets tests in other packages build the ASSUME_ROLE connection {@link AccessLinksTest} uses. */
public final class AccessLinksTestAccess {
  private AccessLinksTestAccess() {}

  public static Connection role(String roleArn) {
    return AccessLinksTest.role(roleArn);
  }
}
