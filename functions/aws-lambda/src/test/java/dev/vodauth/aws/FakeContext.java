package dev.vodauth.aws;

import dev.vodauth.testkit.FakeLambdaContext;

/** The test kit's {@link FakeLambdaContext} under the name tests used before the kit. */
final class FakeContext {
  private FakeContext() {}

  static FakeLambdaContext of(String requestId) {
    return FakeLambdaContext.of(requestId);
  }
}
