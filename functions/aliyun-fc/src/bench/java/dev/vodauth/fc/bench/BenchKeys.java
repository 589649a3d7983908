package dev.vodauth.fc.bench;

import dev.vodauth.testkit.FakeFcContext;


/** The role keys the benchmark's emulator knows, and FC contexts that carry them. */
final class BenchKeys {
  static final String KEY_ID = "STS.bench-key";
  static final String SECRET = "bench-secret";
  static final String TOKEN = "bench-token";

  private BenchKeys() {}

  /** The context FC would hand an invocation: a request ID and the role's keys. */
  static FakeFcContext context(String requestId) {
    return FakeFcContext.withKeys(requestId, KEY_ID, SECRET, TOKEN);
  }
}
