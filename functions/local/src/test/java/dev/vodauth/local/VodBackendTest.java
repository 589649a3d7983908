package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.emulator.VodEmulator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VodBackendTest {
  private static final Map<String, String> KEYS = Map.of(
      "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test-key-id",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-key-secret-do-not-print");

  @Test
  void keysInTheEnvironmentSelectTheRealVodOverHttpsWithoutContactingIt() throws IOException {
    List<String> log = new ArrayList<>();
    try (VodBackend backend = VodBackend.fromEnvironment(KEYS, log::add)) {
      assertFalse(backend.isEmulator());
      assertNull(backend.emulator());
      assertEquals("cn-shanghai", backend.functions().config().region());
      assertEquals("vod.cn-shanghai.aliyuncs.com", backend.functions().client().endpoint());
      assertTrue(backend.functions().client().usesHttps());
      assertTrue(log.isEmpty());
    }
  }

  @Test
  void realVodFollowsTheConfiguredRegion() throws IOException {
    Map<String, String> env = new java.util.HashMap<>(KEYS);
    env.put("VOD_REGION", "ap-southeast-1");

    try (VodBackend backend = VodBackend.fromEnvironment(env, line -> {})) {
      assertEquals("vod.ap-southeast-1.aliyuncs.com", backend.functions().client().endpoint());
    }
  }

  @Test
  void noKeysStartTheEmulatorWithItsOwnKeysOverPlainHttp() throws IOException {
    try (VodBackend backend = VodBackend.fromEnvironment(Map.of("VOD_ENDPOINT", "vod.cn-beijing.aliyuncs.com"), l -> {})) {
      assertTrue(backend.isEmulator());
      assertEquals(backend.emulator().endpoint(), backend.functions().client().endpoint());
      assertFalse(backend.functions().client().usesHttps());
    }
  }

  @Test
  void halfAKeyPairIsNoKeyPair() throws IOException {
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test-key-id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "");

    try (VodBackend backend = VodBackend.fromEnvironment(env, line -> {})) {
      assertTrue(backend.isEmulator());
    }
  }

  @Test
  void badSettingFailsTheStartNamingTheVariable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VodBackend.fromEnvironment(Map.of("VOD_MAX_RETRIES", "9"), line -> {}));

    assertTrue(e.getMessage().startsWith("VOD_MAX_RETRIES must be"), e.getMessage());
  }

  @Test
  void emulatorKeysAreTheEmulatorsDefaultAccount() throws Exception {
    try (VodBackend backend = VodBackend.fromEnvironment(Map.of(), line -> {})) {
      backend.functions().playAuth().handleHttp(
          dev.vodauth.http.HttpRequest.builder("GET").rawQuery("VideoId=" + dev.vodauth.emulator.DemoCatalogue.PLAYABLE).build(),
          dev.vodauth.function.Invocation.of("t", "test", 5000));

      assertEquals(VodEmulator.EMULATOR_ACCESS_KEY_ID, backend.emulator().takeRequest(1, TimeUnit.SECONDS).accessKeyId());
    }
  }
}
