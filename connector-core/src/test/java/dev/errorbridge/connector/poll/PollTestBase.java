package dev.errorbridge.connector.poll;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.errorbridge.connector.source.SourceTestKit;
import dev.errorbridge.connector.testing.LocalDynamoDb;
import dev.errorbridge.connector.testing.LocalServices;
import dev.errorbridge.localaws.LocalAws;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lifecycle of a poll test class: local-aws and DynamoDB Local of the test JVM ({@link
 * LocalServices}) with a bus and KMS key of the class's own, WireMock (the platforms) reset per
 * test, and a fresh {@link PollWorld} (new table, clock at the fixtures' time) per test.
 */
@ExtendWith(LocalServices.class)
abstract class PollTestBase {
  static PollInfra infra;

  @RegisterExtension static WireMockExtension platform = SourceTestKit.wireMock();

  PollWorld world;

  @BeforeAll
  static void startInfra(LocalAws localAws, LocalDynamoDb dynamoDb) {
    infra = PollInfra.on(localAws, dynamoDb);
  }

  @AfterAll
  static void stopInfra() {
    infra.close();
  }

  @BeforeEach
  void newWorld() {
    world = newWorld(infra);
  }

  /** The world of each test; override to change its configuration. */
  PollWorld newWorld(PollInfra infra) {
    return new PollWorld(infra);
  }

  @AfterEach
  void closeWorld() {
    world.close();
  }

  /** 2026-02-03 at {@code hh:mm} or {@code hh:mm:ss} UTC, the fixtures' day. */
  static Instant at(String time) {
    return Instant.parse("2026-02-03T" + (time.length() == 5 ? time + ":00" : time) + "Z");
  }
}
