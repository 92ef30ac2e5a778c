package dev.errorbridge.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda {@link Context} whose remaining time counts down from a fixed budget in real time. */
final class TestContext implements Context {
  private final long deadlineNanos;

  TestContext(int remainingMillis) {
    this.deadlineNanos = System.nanoTime() + remainingMillis * 1_000_000L;
  }

  static TestContext withMinutes(int minutes) {
    return new TestContext(minutes * 60_000);
  }

  @Override
  public String getAwsRequestId() {
    return "c6af9ac6-7b61-11e6-9a41-93e812345678";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/errorbridge-test";
  }

  @Override
  public String getLogStreamName() {
    return "2026/01/01/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "errorbridge-test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:000000000000:function:errorbridge-test";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.println(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.println(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
