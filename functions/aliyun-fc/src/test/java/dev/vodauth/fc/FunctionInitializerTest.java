package dev.vodauth.fc;

import dev.vodauth.function.VodFunction;
import dev.vodauth.operation.PlayAuth;

import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.HttpTriggerHandlingTest.assertStruct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.testkit.FakeFcContext;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FC's initializer: with {@code PRIME_ON_INITIALIZE=true} (provisioned instances) it primes the
 * request path without a VOD call, a key or a log line; by default it does nothing.
 */
@Timeout(30)
class FunctionInitializerTest {
  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  @Test
  void initializeCallsNoVodAndLogsNothing() throws Exception {
    // A context without a role: the initializer must not need keys.
    for (VodFunction function : fc.functions.all()) {
      primingHandler(function.operation().functionName()).initialize(FakeFcContext.withoutRole("init-" + function.operation().functionName()));
    }

    assertEquals(0, fc.emulator.requestCount());
    assertTrue(fc.logLines.isEmpty(), fc.logLines::toString);
  }

  @Test
  void handlersAnswerAfterInitialize() throws Exception {
    fc.playAuth.initialize(FakeFcContext.withoutRole("init"));

    assertStruct(fc.invoke(fc.playAuth, fixture("http-get.json"), FcHarness.roleContext("after-init")), 200);
    assertEquals(1, fc.emulator.requestCount());
  }

  @Test
  void handlersAnswerAfterAPrimingInitialize() throws Exception {
    FunctionHandler primed = primingHandler(PlayAuth.NAME);
    primed.initialize(FakeFcContext.withoutRole("init"));

    assertStruct(fc.invoke(primed, fixture("http-get.json"), FcHarness.roleContext("after-init")), 200);
    assertEquals(1, fc.emulator.requestCount());
  }

  @Test
  void primingIsASettingOffByDefault() {
    assertFalse(InitializerPriming.from(Map.of()));
    assertFalse(InitializerPriming.from(Map.of(InitializerPriming.SETTING, "")));
    assertFalse(InitializerPriming.from(Map.of(InitializerPriming.SETTING, "false")));
    assertTrue(InitializerPriming.from(Map.of(InitializerPriming.SETTING, "true")));
    for (String bad : new String[] {"TRUE", "yes", "1", " true"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> InitializerPriming.from(Map.of(InitializerPriming.SETTING, bad)), bad);
      assertTrue(e.getMessage().startsWith("PRIME_ON_INITIALIZE must be true or false"), e.getMessage());
    }
  }

  /** A handler of {@code functionName} as FC builds it with PRIME_ON_INITIALIZE=true. */
  private FunctionHandler primingHandler(String functionName) {
    return new FunctionHandler(fc.functions, functionName, true) {};
  }
}
