package dev.vodauth.fc;

import com.aliyun.fc.runtime.Credentials;
import dev.vodauth.testkit.FakeFcContext;
import java.util.function.Supplier;

/** The test kit's {@link FakeFcContext} under the name tests used before the kit. */
final class FakeContext {
  private FakeContext() {}

  static FakeFcContext withKeys(String requestId, String id, String secret, String token) {
    return FakeFcContext.withKeys(requestId, id, secret, token);
  }

  static FakeFcContext withoutRole(String requestId) {
    return FakeFcContext.withoutRole(requestId);
  }

  static FakeFcContext rotating(String requestId, Supplier<Credentials> credentials) {
    return FakeFcContext.rotating(requestId, credentials);
  }
}
