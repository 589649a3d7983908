package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.HttpTriggerHandlingTest.assertStruct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FC's initializer: primes the request path without a VOD call, a key or a log line. */
@Timeout(30)
class FunctionInitializerTest {
  private FcHarness fc;

  @BeforeEach
  void startEmulator() throws Exception {
    fc = FcHarness.start();
  }

  @AfterEach
  void stopEmulator() {
    fc.close();
  }

  @Test
  void initializeCallsNoVodAndLogsNothing() throws Exception {
    // A context without a role: the initializer must not need keys.
    fc.playAuth.initialize(FakeContext.withoutRole("init-1"));
    fc.refreshUpload.initialize(FakeContext.withoutRole("init-2"));

    assertEquals(0, fc.emulator.requestCount());
    assertTrue(fc.logLines.isEmpty(), fc.logLines::toString);
  }

  @Test
  void handlersAnswerAfterInitialize() throws Exception {
    fc.playAuth.initialize(FakeContext.withoutRole("init"));

    assertStruct(fc.invoke(fc.playAuth, fixture("http-get.json"), FcHarness.roleContext("after-init")), 200);
    assertEquals(1, fc.emulator.requestCount());
  }
}
