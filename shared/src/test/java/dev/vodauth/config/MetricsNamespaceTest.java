package dev.vodauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** METRICS_NAMESPACE: CloudWatch's namespace rule, checked at start. */
class MetricsNamespaceTest {
  @Test
  void defaultsToVodAuthFunctions() {
    assertEquals("VodAuthFunctions", Config.from(Map.of()).metricsNamespace());
    assertEquals("VodAuthFunctions", Config.from(Map.of(Config.METRICS_NAMESPACE, " ")).metricsNamespace());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Team/VodAuth", "vod-auth.prod", "My App #1: play_auth"})
  void acceptsCloudWatchsCharacters(String namespace) {
    assertEquals(namespace, Config.from(Map.of(Config.METRICS_NAMESPACE, namespace)).metricsNamespace());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS/Lambda", "vod€auth", "tab\there"})
  void refusesWhatCloudWatchRefuses(String namespace) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(Config.METRICS_NAMESPACE, namespace)));

    assertTrue(e.getMessage().startsWith("METRICS_NAMESPACE must be"), e.getMessage());
  }

  @Test
  void refusesMoreThan255Characters() {
    assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of(Config.METRICS_NAMESPACE, "n".repeat(256))));
    assertEquals(255, Config.from(Map.of(Config.METRICS_NAMESPACE, "n".repeat(255))).metricsNamespace().length());
  }
}
