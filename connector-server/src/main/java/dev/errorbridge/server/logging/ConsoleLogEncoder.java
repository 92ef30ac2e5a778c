package dev.errorbridge.server.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * The console appender's encoder ({@code logback.xml}): readable lines or JSON lines, as {@link
 * LogFormat} decides. Logback starts before the server reads its configuration file, so the encoder
 * starts with {@value LogFormat#VARIABLE} (default {@code auto}) and {@link #use} applies the
 * configured format once it is known.
 *
 * <p>JSON lines are logback's {@link JsonEncoder} with the formatted message only (no arguments,
 * which could repeat values outside the message), no sequence numbers, no context.
 */
public final class ConsoleLogEncoder extends EncoderBase<ILoggingEvent> {
  private static volatile LogFormat format = initialFormat();
  // Pre-encoded "replica":"<id>", member, or null: replicas on one table log to one place.
  private static volatile byte[] replicaMember;

  private final JsonEncoder json = new JsonEncoder();
  private final ReadableLogLine text = new ReadableLogLine(ZoneId.systemDefault());

  public ConsoleLogEncoder() {
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMarkers(false);
    json.setWithArguments(false);
    json.setWithMessage(false);
    json.setWithFormattedMessage(true);
  }

  /** Writes the console log in {@code chosen} ({@link LogFormat#AUTO} looks at standard output). */
  public static void use(LogFormat chosen) {
    format = chosen.resolve(StandardOutput.isTerminal());
  }

  /**
   * Adds {@code "replica":"<id>"} to every JSON line from now on, so that the logs of replicas on
   * one table can be told apart ({@code id} is 1-128 of letters, digits and {@code _ . : @ -}, so
   * it needs no escaping); {@code null} adds nothing.
   */
  public static void replica(String id) {
    replicaMember =
        id == null ? null : ("\"replica\":\"" + id + "\",").getBytes(StandardCharsets.UTF_8);
  }

  /** {@link LogFormat#JSON} or {@link LogFormat#TEXT}: what the console gets now. */
  public static LogFormat current() {
    return format;
  }

  private static LogFormat initialFormat() {
    String configured = System.getenv(LogFormat.VARIABLE);
    LogFormat chosen;
    try {
      chosen =
          configured == null || configured.isBlank() ? LogFormat.AUTO : LogFormat.parse(configured);
    } catch (IllegalArgumentException e) {
      chosen = LogFormat.AUTO; // the configuration loader reports the bad value at start
    }
    return chosen.resolve(StandardOutput.isTerminal());
  }

  @Override
  public void setContext(Context context) {
    super.setContext(context);
    json.setContext(context);
  }

  @Override
  public void start() {
    json.start();
    super.start();
  }

  @Override
  public void stop() {
    json.stop();
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    if (format == LogFormat.TEXT) {
      return text.format(event).getBytes(StandardCharsets.UTF_8);
    }
    byte[] line = json.encode(event);
    byte[] member = replicaMember;
    if (member == null || line.length < 2 || line[0] != '{') {
      return line;
    }
    byte[] withReplica = new byte[line.length + member.length];
    withReplica[0] = '{';
    System.arraycopy(member, 0, withReplica, 1, member.length);
    System.arraycopy(line, 1, withReplica, 1 + member.length, line.length - 1);
    return withReplica;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
