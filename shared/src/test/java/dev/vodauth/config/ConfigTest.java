package dev.vodauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void defaultsNeedNoEnvironment() {
    Config config = Config.from(Map.of());

    assertEquals("cn-shanghai", config.region());
    assertEquals("vod.cn-shanghai.aliyuncs.com", config.endpoint());
    assertEquals(2, config.maxRetries());
    assertEquals(100, config.authInfoTimeoutDefault());
    assertEquals(3000, config.authInfoTimeoutMax());
    assertEquals(List.of(), config.corsAllowedOrigins());
  }

  @Test
  void regionNamesTheDefaultEndpoint() {
    assertEquals("vod.ap-southeast-1.aliyuncs.com", Config.from(Map.of("VOD_REGION", "ap-southeast-1")).endpoint());
  }

  @Test
  void originsAreAListWithoutBlanks() {
    assertEquals(List.of("https://a.example", "https://b.example"),
        Config.from(Map.of("CORS_ALLOWED_ORIGINS", " https://a.example, ,https://b.example ")).corsAllowedOrigins());
  }

  @Test
  void badValueNamesTheVariableAndTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("VOD_MAX_RETRIES", "5")));

    assertEquals("VOD_MAX_RETRIES must be a whole number between 0 and 2, got '5'", e.getMessage());
  }

  @Test
  void defaultAboveTheLoweredMaximumIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Config.from(Map.of("AUTH_INFO_TIMEOUT_MAX", "600", "AUTH_INFO_TIMEOUT_DEFAULT", "900")));
  }

  @Test
  void overridesReplaceOnlyWhatTheyName() {
    Config config = Config.from(Map.of("VOD_REGION", "cn-beijing", "VOD_MAX_RETRIES", "1"));

    Config copy = config.withOverrides(Map.of("VOD_ENDPOINT", "127.0.0.1:1"));

    assertEquals("cn-beijing", copy.region());
    assertEquals(1, copy.maxRetries());
    assertEquals("127.0.0.1:1", copy.endpoint());
    assertEquals("vod.cn-beijing.aliyuncs.com", config.endpoint());
  }

  @Test
  void keepsNoVariableItDoesNotRead() throws Exception {
    Config config = Config.from(Map.of("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t", "VOD_ENDPOINT", "a.example"));
    java.lang.reflect.Field kept = Config.class.getDeclaredField("environment");
    kept.setAccessible(true);

    assertEquals(Map.of("VOD_ENDPOINT", "a.example"), kept.get(config));
    assertEquals("a.example", config.withOverrides(Map.of()).endpoint());
  }
}
