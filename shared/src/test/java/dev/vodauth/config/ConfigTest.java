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
}
