package dev.vodauth.testkit;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import java.util.function.Supplier;

/** An FC invocation context for tests: a request ID, role keys (fixed or rotating) and a timeout. */
public final class FakeFcContext implements Context {
  private final String requestId;
  private final Supplier<Credentials> credentials;
  private final int timeoutMillis;

  private FakeFcContext(String requestId, Supplier<Credentials> credentials, int timeoutMillis) {
    this.requestId = requestId;
    this.credentials = credentials;
    this.timeoutMillis = timeoutMillis;
  }

  /** A context whose role hands out these keys. */
  public static FakeFcContext withKeys(String requestId, String id, String secret, String token) {
    Credentials keys = keys(id, secret, token);
    return new FakeFcContext(requestId, () -> keys, 5_000);
  }

  /** A context of a function without a role: FC hands out empty strings. */
  public static FakeFcContext withoutRole(String requestId) {
    return withKeys(requestId, "", "", "");
  }

  /** A context whose keys are read afresh from {@code credentials} on every call (rotation). */
  public static FakeFcContext rotating(String requestId, Supplier<Credentials> credentials) {
    return new FakeFcContext(requestId, credentials, 5_000);
  }

  /** Role keys as FC hands them out. */
  public static Credentials keys(String id, String secret, String token) {
    return new Credentials() {
      @Override
      public String getAccessKeyId() {
        return id;
      }

      @Override
      public String getAccessKeySecret() {
        return secret;
      }

      @Override
      public String getSecurityToken() {
        return token;
      }
    };
  }

  @Override
  public String getRequestId() {
    return requestId;
  }

  @Override
  public Credentials getExecutionCredentials() {
    return credentials.get();
  }

  @Override
  public FunctionParam getFunctionParam() {
    return new FunctionParam() {
      @Override
      public String getFunctionName() {
        return "vod-fc-test";
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
        return timeoutMillis;
      }

      @Override
      public int getMemoryLimitInMB() {
        return 512;
      }
    };
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
}
