package dev.errorbridge.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class ConsoleLogEncoderTest {
  static final long AT =
      LocalDateTime.of(2026, 2, 3, 9, 5, 12, 345_000_000).toEpochSecond(ZoneOffset.UTC) * 1000
          + 345;

  final LoggerContext context = new LoggerContext();

  {
    context.setMDCAdapter(new LogbackMDCAdapter());
  }

  final LogFormat before = ConsoleLogEncoder.current();

  @AfterEach
  void restore() {
    ConsoleLogEncoder.use(before);
    ConsoleLogEncoder.replica(null);
  }

  @Test
  void encode_whenJsonWithAReplicaId_namesTheReplicaOnEveryLine() throws Exception {
    ConsoleLogEncoder.replica("replica-2");

    JsonNode line = new ObjectMapper().readTree(encode(LogFormat.JSON, accessLog()));

    assertThat(line.path("replica").asText()).isEqualTo("replica-2");
    assertThat(line.path("formattedMessage").asText()).isEqualTo("http request");
  }

  LoggingEvent accessLog() {
    Logger logger = context.getLogger("errorbridge.access");
    LoggingEvent event =
        new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "http request", null, null);
    event.setTimeStamp(AT);
    event.setKeyValuePairs(
        List.of(new KeyValuePair("method", "GET"), new KeyValuePair("status", 200)));
    return event;
  }

  String encode(LogFormat format, LoggingEvent event) {
    ConsoleLogEncoder encoder = new ConsoleLogEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleLogEncoder.use(format);
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Test
  void encode_whenText_writesTimeLevelMessageAndKeyFieldsOnOneLine() {
    String line = new ReadableLogLine(ZoneOffset.UTC).format(accessLog());
    assertThat(line)
        .isEqualTo(
            "09:05:12.345 INFO  http request method=GET status=200" + System.lineSeparator());
    assertThat(encode(LogFormat.TEXT, accessLog()))
        .endsWith("INFO  http request method=GET status=200" + System.lineSeparator());
  }

  @Test
  void encode_whenTextWithAnException_addsItsStackTraceBelow() {
    Logger logger = context.getLogger("dev.errorbridge.server.http.HttpApi");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.ERROR,
            "request failed method={} path={}",
            new IllegalStateException("boom"),
            new Object[] {"GET", "/connections"});
    String text = encode(LogFormat.TEXT, event);
    assertThat(text.lines().findFirst().orElseThrow())
        .endsWith("ERROR request failed method=GET path=/connections");
    assertThat(text).contains("java.lang.IllegalStateException: boom").contains("\tat ");
  }

  @Test
  void encode_whenJson_writesOneObjectPerLineWithTheFormattedMessageOnly() throws Exception {
    String line = encode(LogFormat.JSON, accessLog());
    assertThat(line).endsWith("\n").doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("loggerName").asText()).isEqualTo("errorbridge.access");
    assertThat(json.path("formattedMessage").asText()).isEqualTo("http request");
    assertThat(json.path("timestamp").asLong()).isEqualTo(AT);
    assertThat(json.path("kvpList").toString()).contains("\"method\":\"GET\"");
    assertThat(json.has("arguments")).isFalse();
    assertThat(json.has("message")).isFalse();
  }

  @Test
  void use_whenAuto_writesJsonWhileStandardOutputIsNoTerminal() {
    ConsoleLogEncoder.use(LogFormat.AUTO);
    assertThat(ConsoleLogEncoder.current()).isEqualTo(LogFormat.JSON);
  }
}
