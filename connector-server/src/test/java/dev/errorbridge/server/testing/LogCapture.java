package dev.errorbridge.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything the process logs at WARN and above while open (the test configuration's level), from
 * every thread: the server's handlers, Jetty, Javalin.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  private LogCapture() {}

  /** Starts capturing. */
  public static LogCapture open() {
    LogCapture capture = new LogCapture();
    capture.setContext(capture.root.getLoggerContext());
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  /** Lines that carry a stack trace. */
  public List<String> withStackTraces() {
    return events.stream()
        .filter(e -> e.getThrowableProxy() != null)
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .toList();
  }

  /** ERROR lines. */
  public List<String> errors() {
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .toList();
  }

  /** Every captured line, formatted. */
  public List<String> lines() {
    return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  public void clear() {
    events.clear();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
