package dev.errorbridge.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as a person reads it: {@code 09:05:12.345 WARN message key=value …}, then the stack
 * trace, if any, on the lines below. The key-values are the event's structured ones (the access
 * log's method, route, status, durationMs); messages already name their own fields.
 */
final class ReadableLogLine {
  private final DateTimeFormatter time;

  ReadableLogLine(ZoneId zone) {
    this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
  }

  String format(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    line.append(time.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
    String level = event.getLevel().toString();
    line.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
    line.append(event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        line.append(' ').append(pair.key).append('=').append(pair.value);
      }
    }
    line.append(System.lineSeparator());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown)).append(System.lineSeparator());
    }
    return line.toString();
  }
}
