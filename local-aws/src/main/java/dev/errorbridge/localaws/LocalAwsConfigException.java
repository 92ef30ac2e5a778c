package dev.errorbridge.localaws;

/** A local-aws setting is invalid; the message names the setting and how to fix it. */
public class LocalAwsConfigException extends IllegalArgumentException {
  public LocalAwsConfigException(String message) {
    super(message);
  }
}
