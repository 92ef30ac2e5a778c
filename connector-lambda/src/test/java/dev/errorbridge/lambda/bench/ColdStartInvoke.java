package dev.errorbridge.lambda.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, as Lambda runs it: in a fresh JVM, construct the handler with its no-arg
 * constructor (wiring from the environment), read the event JSON with the Lambda runtime's own
 * serializer, invoke the handler once, and print the time from process launch (the script passes
 * its wall clock at launch, epoch milliseconds) to the answer.
 *
 * <p>Usage: {@code ColdStartInvoke webhook|settings <event.json> <launchEpochMillis>}; prints
 * {@code COLD_START ms=<n> status=<http status> init_ms=<n> invoke_ms=<n> body=<body>}. A webhook
 * run succeeds only on 202 {@code "status":"accepted"}: the event is on the bus of local-aws.
 */
public final class ColdStartInvoke {
  private ColdStartInvoke() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path eventFile = Path.of(args[1]);
    long launchedAt = Long.parseLong(args[2]);

    long initStart = System.currentTimeMillis();
    Object handler =
        mode.equals("webhook")
            ? Class.forName("dev.errorbridge.lambda.WebhookHandler").getConstructor().newInstance()
            : new dev.errorbridge.lambda.SettingsApiHandler();
    long initEnd = System.currentTimeMillis();
    APIGatewayV2HTTPEvent event;
    try (InputStream in = Files.newInputStream(eventFile)) {
      event =
          LambdaEventSerializers.serializerFor(
                  APIGatewayV2HTTPEvent.class, ColdStartInvoke.class.getClassLoader())
              .fromJson(in);
    }
    @SuppressWarnings("unchecked")
    APIGatewayV2HTTPResponse response =
        ((com.amazonaws.services.lambda.runtime.RequestHandler<
                    APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                handler)
            .handleRequest(event, null);
    long done = System.currentTimeMillis();
    boolean ok =
        mode.equals("webhook")
            ? response.getStatusCode() == 202 && response.getBody().contains("\"accepted\"")
            : response.getStatusCode() == 200;
    System.out.println(
        "COLD_START ms="
            + (done - launchedAt)
            + " status="
            + response.getStatusCode()
            + " ok="
            + ok
            + " jvm_ms="
            + (initStart - launchedAt)
            + " init_ms="
            + (initEnd - initStart)
            + " invoke_ms="
            + (done - initEnd)
            + " body="
            + response.getBody().substring(0, Math.min(160, response.getBody().length())));
    System.exit(ok ? 0 : 1);
  }
}
