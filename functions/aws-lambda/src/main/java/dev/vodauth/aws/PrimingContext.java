package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Context of a priming invocation: a fixed request ID and a few seconds. */
final class PrimingContext implements Context {
  static final PrimingContext INSTANCE = new PrimingContext();

  private PrimingContext() {}

  @Override
  public String getAwsRequestId() {
    return "prime";
  }

  @Override
  public String getLogGroupName() {
    return "prime";
  }

  @Override
  public String getLogStreamName() {
    return "prime";
  }

  @Override
  public String getFunctionName() {
    return "prime";
  }

  @Override
  public String getFunctionVersion() {
    return "prime";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "prime";
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
    return 5_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 0;
  }

  @Override
  public LambdaLogger getLogger() {
    return null;
  }
}
