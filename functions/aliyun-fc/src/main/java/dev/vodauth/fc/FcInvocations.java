package dev.vodauth.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionParam;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.function.Invocation;
import java.util.UUID;

/**
 * Builds the shared core's {@link Invocation} from FC's context: its request ID, its deadline and
 * this invocation's role keys.
 */
final class FcInvocations {
  static final String HTTP_TRIGGER = "http-trigger";
  static final String EVENTBRIDGE = "eventbridge";
  static final String MNS_TOPIC = "mns-topic";
  static final String DIRECT = "direct";

  private final int fallbackTimeoutMillis;

  /** @param fallbackTimeoutMillis the deadline when the context names no function timeout */
  FcInvocations(int fallbackTimeoutMillis) {
    this.fallbackTimeoutMillis = fallbackTimeoutMillis;
  }

  Invocation of(Context context, String trigger) {
    Invocation invocation = Invocation.of(requestId(context), trigger, timeoutMillis(context));
    VodCredentials keys = RoleCredentials.from(context);
    return keys == null ? invocation : invocation.withCredentials(keys);
  }

  private static String requestId(Context context) {
    String id = context == null ? null : context.getRequestId();
    return id == null || id.isEmpty() ? UUID.randomUUID().toString() : id;
  }

  /**
   * FC's context tells no remaining time, only the function's timeout: the invocation started at
   * most a moment ago, so the timeout from now is the deadline, minus the reserve the core keeps.
   */
  private long timeoutMillis(Context context) {
    FunctionParam function = context == null ? null : context.getFunctionParam();
    int limit = function == null ? 0 : function.getExecTimeLimitInMillis();
    return limit > 0 ? limit : fallbackTimeoutMillis;
  }
}
