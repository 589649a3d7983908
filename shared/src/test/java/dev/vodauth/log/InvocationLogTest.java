package dev.vodauth.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line's metric fields on every platform, and what a metrics sink adds where one is set. */
class InvocationLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00.123Z"), ZoneOffset.UTC);
  /** A sink that marks the line with its time and what it saw of the metric members. */
  private static final MetricsSink STAMP = (line, time) ->
      line.putObject("_stamp").put("at", time.toEpochMilli()).put("sawFunction", line.path(InvocationMetrics.FUNCTION).asText());
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();

  @Test
  void everyLineCarriesTheMetricFieldsAndOnlySinkLinesCarryTheSinksMembers() throws Exception {
    InvocationLog plain = InvocationLog.to(lines::add, "INFO", CLOCK, json);
    plain.record(LogRecord.of("r-1", "play-auth", "http-trigger").outcome("Success", 200).vodCall(1, 42));
    JsonNode line = json.readTree(lines.get(0));

    assertFalse(line.has("_aws"));
    assertEquals("play-auth", line.path("Function").asText());
    assertEquals("Success", line.path("Outcome").asText());
    assertEquals(42, line.path("VodLatency").asLong());
    assertEquals(1, line.path("ColdStart").asInt());

    InvocationLog withSink = InvocationLog.to(lines::add, "INFO", CLOCK, json).withMetricsSink(STAMP);
    withSink.record(LogRecord.of("r-2", "play-auth", "function-url").outcome("Success", 200));
    JsonNode stamped = json.readTree(lines.get(1));

    assertEquals(CLOCK.millis(), stamped.path("_stamp").path("at").asLong());
    assertEquals("play-auth", stamped.path("_stamp").path("sawFunction").asText(), "the sink sees the metric members");
  }

  @Test
  void theValuesFollowTheStatusAndTheCode() throws Exception {
    InvocationLog log = InvocationLog.to(lines::add, "DEBUG", CLOCK, json);
    log.record(LogRecord.of("a", "play-auth", "t").outcome("Throttling.User", 429).vodCall(3, 900));
    log.record(LogRecord.of("b", "play-auth", "t").outcome("VodCredentialsUnavailable", 502).vodCall(1, 0));
    log.record(LogRecord.of("c", "refresh-upload", "t").outcome("InvalidVideo.Damaged", 400).vodCall(1, 8));
    log.record(LogRecord.of("d", "refresh-upload", "t").outcome("Forbidden.SomethingNew", 502).vodCall(1, 8));

    JsonNode throttled = json.readTree(lines.get(0));
    assertEquals(List.of(1, 0, 1, 1, 0, 3, 1), values(throttled));
    assertEquals("Throttling.User", throttled.path("Outcome").asText());
    JsonNode unavailable = json.readTree(lines.get(1));
    assertEquals(List.of(1, 1, 0, 0, 1, 1, 0), values(unavailable));
    JsonNode damaged = json.readTree(lines.get(2));
    assertEquals(List.of(1, 0, 1, 0, 0, 1, 0), values(damaged));
    assertEquals("InvalidVideo.Damaged", damaged.path("Outcome").asText());
    JsonNode unknown = json.readTree(lines.get(3));
    assertEquals("Other", unknown.path("Outcome").asText());
    assertEquals("Forbidden.SomethingNew", unknown.path("outcome").asText());
  }

  @Test
  void withoutASinkTheLevelStillFiltersAndOffWritesNothing() {
    InvocationLog warn = InvocationLog.to(lines::add, "WARN", CLOCK, json);
    warn.record(LogRecord.of("a", "play-auth", "t").outcome("Success", 200));
    assertTrue(lines.isEmpty());

    InvocationLog off = InvocationLog.to(lines::add, "OFF", CLOCK, json);
    off.record(LogRecord.of("a", "play-auth", "t").outcome("InternalError", 500));
    assertTrue(lines.isEmpty());
  }

  /**
   * The alarms read the sink's metrics: no level silences them. A line the level drops (with OFF,
   * every line) is written with its metrics alone, none of the log's own fields.
   */
  @Test
  void withASinkEveryLevelKeepsTheMetricsAndOffLeavesOnlyThem() throws Exception {
    for (String level : List.of("OFF", "ERROR", "WARN")) {
      lines.clear();
      InvocationLog log = InvocationLog.to(lines::add, level, CLOCK, json).withMetricsSink(STAMP);
      log.record(LogRecord.of("req-1", "play-auth", "function-url").videoId("5aa0bbf5e8a84c7fb7a3a0f5c1d20001")
          .outcome("Success", 200).vodCall(1, 12));
      assertEquals(1, lines.size(), level);
      JsonNode line = json.readTree(lines.get(0));
      assertEquals(1, line.path("Requests").asInt(), level);
      assertEquals("Success", line.path("Outcome").asText(), level);
      assertEquals(12, line.path("VodLatency").asInt(), level);
      assertEquals("play-auth", line.path("_stamp").path("sawFunction").asText(), level);
      assertFalse(line.has("requestId") || line.has("videoId") || line.has("outcome"), level + ": " + line);
    }
    lines.clear();
    InvocationLog off = InvocationLog.to(lines::add, "OFF", CLOCK, json).withMetricsSink(STAMP);
    off.record(LogRecord.of("req-2", "play-auth", "function-url").outcome("ServiceUnavailable", 503));
    assertEquals(1, json.readTree(lines.get(0)).path("ServerErrors").asInt(), "an error's metrics too");
  }

  @Test
  void withASinkEveryLineIsWrittenWhateverItsLevel() {
    InvocationLog warn = InvocationLog.to(lines::add, "WARN", CLOCK, json).withMetricsSink(STAMP);
    warn.record(LogRecord.of("a", "play-auth", "t").outcome("Success", 200));

    assertEquals(1, lines.size(), "a sink counts every invocation");
  }

  @Test
  void theOutcomeDimensionIsBounded() {
    for (String named : List.of("Success", "Preflight", "Batch", "MissingParameter", "InvalidParameter", "MethodNotAllowed",
        "PayloadTooLarge", "UnsupportedMediaType", "InvalidVideo.NotFound", "Forbidden.IllegalStatus", "InvalidVideo.Damaged",
        "Throttling", "Throttling.User", "Throttling.Api", "VodCredentialsRejected", "VodCredentialsUnavailable",
        "InternalError", "ServiceUnavailable", "VodTimeout", "VodBadResponse", "MissingToken", "InvalidToken",
        "Forbidden.VideoNotEntitled", "TokenKeysUnavailable", "BatchTooLarge")) {
      assertEquals(named, InvocationMetrics.boundedOutcome(named));
    }
    assertEquals("Other", InvocationMetrics.boundedOutcome("Throttling.Something.New"));
    assertEquals("Other", InvocationMetrics.boundedOutcome("5aa0bbf5e8a84c7fb7a3a0f5c1d20001"));
    assertEquals("Other", InvocationMetrics.boundedOutcome(null));
  }

  /** Requests, ServerErrors, ClientErrors, Throttled, CredentialsRejected, VodAttempts, ColdStart. */
  private static List<Integer> values(JsonNode line) {
    List<Integer> values = new ArrayList<>();
    for (String name : List.of("Requests", "ServerErrors", "ClientErrors", "Throttled", "CredentialsRejected", "VodAttempts", "ColdStart")) {
      values.add(line.path(name).asInt());
    }
    return values;
  }
}
