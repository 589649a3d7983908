package dev.vodauth.fc.bench;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;

/** The context FC would hand an invocation: a request ID, the role's keys, a 10 s timeout. */
final class BenchContext implements Context, Credentials, FunctionParam {
  static final String KEY_ID = "STS.bench-key";
  static final String SECRET = "bench-secret";
  static final String TOKEN = "bench-token";

  private final String requestId;

  BenchContext(String requestId) {
    this.requestId = requestId;
  }

  @Override
  public String getRequestId() {
    return requestId;
  }

  @Override
  public Credentials getExecutionCredentials() {
    return this;
  }

  @Override
  public FunctionParam getFunctionParam() {
    return this;
  }

  @Override
  public Service getService() {
    return null;
  }

  @Override
  public FunctionComputeLogger getLogger() {
    return null;
  }

  @Override
  public OpenTracing getTracing() {
    return null;
  }

  @Override
  public int getRetryCount() {
    return 0;
  }

  @Override
  public String getAccessKeyId() {
    return KEY_ID;
  }

  @Override
  public String getAccessKeySecret() {
    return SECRET;
  }

  @Override
  public String getSecurityToken() {
    return TOKEN;
  }

  @Override
  public String getFunctionName() {
    return "vod-get-video-play-auth";
  }

  @Override
  public String getFunctionHandler() {
    return "dev.vodauth.fc.PlayAuthHandler::handleRequest";
  }

  @Override
  public String getFunctionInitializer() {
    return "dev.vodauth.fc.PlayAuthHandler::initialize";
  }

  @Override
  public int getExecTimeLimitInMillis() {
    return 10_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }
}
