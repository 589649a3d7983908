package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** METRICS_NAMESPACE: CloudWatch's namespace rule, checked at start. */
class MetricsNamespaceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void defaultsToVodAuthFunctions() {
    assertEquals("VodAuthFunctions", namespace(Map.of()));
    assertEquals("VodAuthFunctions", namespace(Map.of(EmbeddedMetrics.METRICS_NAMESPACE, " ")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Team/VodAuth", "vod-auth.prod", "My App #1: play_auth"})
  void acceptsCloudWatchsCharacters(String namespace) {
    assertEquals(namespace, namespace(Map.of(EmbeddedMetrics.METRICS_NAMESPACE, namespace)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS/Lambda", "vod€auth", "tab\there"})
  void refusesWhatCloudWatchRefuses(String namespace) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EmbeddedMetrics.from(Map.of(EmbeddedMetrics.METRICS_NAMESPACE, namespace), JSON));

    assertTrue(e.getMessage().startsWith("METRICS_NAMESPACE must be"), e.getMessage());
  }

  @Test
  void refusesMoreThan255Characters() {
    assertThrows(IllegalArgumentException.class,
        () -> EmbeddedMetrics.from(Map.of(EmbeddedMetrics.METRICS_NAMESPACE, "n".repeat(256)), JSON));
    assertEquals(255, namespace(Map.of(EmbeddedMetrics.METRICS_NAMESPACE, "n".repeat(255))).length());
  }

  @Test
  void theTimestampIsTheLinesTime() {
    ObjectNode line = JSON.createObjectNode();
    EmbeddedMetrics.from(Map.of(EmbeddedMetrics.METRICS_NAMESPACE, "NS"), JSON)
        .addTo(line, Instant.parse("2026-11-29T12:00:00.123Z"));

    assertEquals(Instant.parse("2026-11-29T12:00:00.123Z").toEpochMilli(), line.path("_aws").path("Timestamp").asLong());
  }

  /** The namespace the {@code _aws} directive names for this environment. */
  private static String namespace(Map<String, String> environment) {
    ObjectNode line = JSON.createObjectNode();
    EmbeddedMetrics.from(environment, JSON).addTo(line, Instant.now());
    try {
      JsonNode written = JSON.readTree(line.toString()); // the directive is written raw: read it back
      return written.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
