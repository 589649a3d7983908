package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.testkit.EmulatorFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Lambda log line as a CloudWatch Embedded Metric Format document: every line the handlers
 * write, through real event formats and the real SDK against the emulator, passes the EMF
 * specification's checks ({@link EmbeddedMetricFormat}), and every metric has its value for each
 * outcome class.
 */
@Timeout(60)
class EmbeddedMetricsTest {
  private static final List<String> COUNTS =
      List.of("Requests", "ServerErrors", "ClientErrors", "Throttled", "CredentialsRejected", "VodAttempts", "ColdStart");

  @RegisterExtension final EmulatorFixture vod = EmulatorFixture.withDemoCatalogue();
  private final VodEmulator emulator = vod.emulator();
  private Harness harness = new Harness(emulator);

  @AfterEach
  void stop() {
    System.clearProperty(XRayTrace.TRACE_HEADER_PROPERTY);
  }

  @Test
  void successCountsOneRequestAndTheVodCall() {
    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    assertMetrics(line, "Success", 200, Map.of("Requests", 1, "ServerErrors", 0, "ClientErrors", 0, "Throttled", 0,
        "CredentialsRejected", 0, "VodAttempts", 1));
    assertLatencyDeclared(line, true);
    assertTrue(line.path("VodLatency").isIntegralNumber() && line.path("VodLatency").asLong() >= 0, line.toString());
    assertEquals("VodAuthFunctions", directive(line).path("Namespace").asText());
  }

  @Test
  void refusedInputIsAClientErrorWithoutVodLatency() {
    JsonNode line = playAuth("AuthInfoTimeout=300");

    assertMetrics(line, "MissingParameter", 400, Map.of("Requests", 1, "ServerErrors", 0, "ClientErrors", 1,
        "Throttled", 0, "CredentialsRejected", 0, "VodAttempts", 0));
    assertLatencyDeclared(line, false);
  }

  @Test
  void vodsClientErrorIsAClientErrorWithTheVodCall() {
    JsonNode line = playAuth("VideoId=" + DemoCatalogue.UNKNOWN);

    assertMetrics(line, "InvalidVideo.NotFound", 404, Map.of("Requests", 1, "ServerErrors", 0, "ClientErrors", 1,
        "Throttled", 0, "CredentialsRejected", 0, "VodAttempts", 1));
    assertLatencyDeclared(line, true);
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsThrottled() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.throttling());

    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    assertEquals(429, line.path("status").asInt());
    assertEquals(line.path("outcome").asText(), line.path("Outcome").asText()); // a documented throttling code
    assertTrue(line.path("Outcome").asText().startsWith("Throttling"), line.toString());
    assertCounts(line, Map.of("Requests", 1, "ServerErrors", 0, "ClientErrors", 1, "Throttled", 1,
        "CredentialsRejected", 0, "VodAttempts", 3));
    assertLatencyDeclared(line, true);
  }

  @Test
  void rejectedKeysCountAsCredentialsRejected() {
    emulator.removeAccessKey(Harness.KEY_ID);

    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    // Retried once after reloading the keys, then answered 502.
    assertMetrics(line, "VodCredentialsRejected", 502, Map.of("Requests", 1, "ServerErrors", 1, "ClientErrors", 0,
        "Throttled", 0, "CredentialsRejected", 1, "VodAttempts", 2));
  }

  @Test
  void missingKeysCountAsCredentialsRejected() {
    harness.with(EnvironmentCredentials.ACCESS_KEY_ID, "").with(EnvironmentCredentials.ACCESS_KEY_SECRET, "");

    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    assertMetrics(line, "VodCredentialsUnavailable", 502, Map.of("Requests", 1, "ServerErrors", 1, "ClientErrors", 0,
        "Throttled", 0, "CredentialsRejected", 1));
  }

  @Test
  void vodServerErrorsAreServerErrors() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.internalError());

    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    assertMetrics(line, "InternalError", 502, Map.of("Requests", 1, "ServerErrors", 1, "ClientErrors", 0,
        "Throttled", 0, "CredentialsRejected", 0, "VodAttempts", 3));
    assertLatencyDeclared(line, true);
  }

  @Test
  void anUndocumentedVodCodeIsOutcomeOtherButKeptInTheLine() {
    emulator.enqueue(ScriptedResponse.error(400, "InvalidParameter.Brand.New", "something VOD added"));

    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    assertEquals("InvalidParameter.Brand.New", line.path("outcome").asText());
    assertEquals("Other", line.path("Outcome").asText());
    assertCounts(line, Map.of("Requests", 1, "ServerErrors", 1, "ClientErrors", 0, "VodAttempts", 1));
  }

  @Test
  void coldStartIsCountedOnTheContainersFirstInvocationOnly() {
    JsonNode first = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);
    JsonNode second = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);
    JsonNode third = playAuth("AuthInfoTimeout=1");

    assertEquals(1, first.path("ColdStart").asInt());
    assertEquals(0, second.path("ColdStart").asInt());
    assertEquals(0, third.path("ColdStart").asInt());
  }

  @Test
  void primingIsNotTheColdStart() {
    LambdaContainer container = harness.container();
    HandlerPriming.prime(container.functions(), 2);
    assertTrue(harness.logLines.isEmpty(), "priming wrote to the container's log: " + harness.logLines);

    assertEquals(1, playAuth("VideoId=" + DemoCatalogue.PLAYABLE).path("ColdStart").asInt());
  }

  @Test
  void aBatchGivesOneLatencyPerVodCall() {
    JsonNode answer = harness.invoke(harness.refreshUpload(), Harness.resource("events/direct/batch.json"));

    assertEquals(1, answer.path("Results").size());
    JsonNode line = lastLine();
    assertValid(line);
    assertEquals("Batch", line.path("Outcome").asText());
    // two messages reached VOD (one found, one not), the third was not JSON
    assertEquals(2, line.path("VodLatency").size(), line.toString());
    assertCounts(line, Map.of("Requests", 1, "ServerErrors", 0, "ClientErrors", 0, "VodAttempts", 2));
  }

  @Test
  void eventBridgeEventsAndPreflightsAreValidLinesToo() {
    harness.invoke(harness.refreshUpload(), Harness.resource("events/eventbridge/good.json"));
    JsonNode event = lastLine();
    assertValid(event);
    assertEquals("refresh-upload", event.path("Function").asText());
    assertEquals("Success", event.path("Outcome").asText());

    harness.with("CORS_ALLOWED_ORIGINS", "https://player.example");
    harness.invoke(harness.playAuth(), Harness.resource("events/v2/options.json"));
    JsonNode preflight = lastLine();
    assertValid(preflight);
    assertEquals("Preflight", preflight.path("Outcome").asText());
    assertLatencyDeclared(preflight, false);
  }

  /** Where JWT is offered, play-auth's lines carry the kind, VOD or JWT, as a third dimension set. */
  @Test
  void theKindIsABoundedDimensionWhereJwtIsOffered() {
    harness.with("PLAY_AUTH_TYPES", "VOD,JWT").with("VOD_PLAY_KEY", "metricsPlayKey1");
    for (String kind : List.of("VOD", "JWT")) {
      String raw = playAuthRaw("VideoId=" + DemoCatalogue.PLAYABLE + "&PlayAuthType=" + kind);
      JsonNode line = read(raw);
      assertEquals(List.of(), EmbeddedMetricFormat.problems(raw, System.currentTimeMillis()), raw);
      assertEquals(kind, line.path("PlayAuthType").asText());
      assertEquals("[[\"Function\"],[\"Function\",\"Outcome\"],[\"Function\",\"PlayAuthType\"]]",
          directive(line).path("Dimensions").toString());
      assertEquals(kind.equals("VOD") ? 1 : 0, line.path("VodAttempts").asInt(), "a JWTPlayAuth calls no VOD");
      assertLatencyDeclared(line, kind.equals("VOD"));
      assertFalse(raw.contains("metricsPlayKey1"));
    }
    JsonNode refused = read(playAuthRaw("VideoId=" + DemoCatalogue.PLAYABLE + "&PlayAuthType=Other"));
    assertFalse(refused.has("PlayAuthType"), "a kind not offered is no dimension value");
    assertEquals("[[\"Function\"],[\"Function\",\"Outcome\"]]", directive(refused).path("Dimensions").toString());
  }

  @Test
  void theNamespaceIsASetting() {
    harness.with("METRICS_NAMESPACE", "Team/VodAuth");

    assertEquals("Team/VodAuth", directive(playAuth("VideoId=" + DemoCatalogue.PLAYABLE)).path("Namespace").asText());
  }

  @Test
  void embeddedMetricsCanBeSwitchedOffLeavingTheSameFields() {
    harness.with("METRICS_EMBEDDED", "false");
    playAuthRaw("VideoId=" + DemoCatalogue.PLAYABLE);
    JsonNode line = lastLine();

    assertFalse(line.has("_aws"), line.toString());
    assertCounts(line, Map.of("Requests", 1, "ServerErrors", 0, "VodAttempts", 1, "ColdStart", 1));

    harness.with("METRICS_EMBEDDED", "maybe");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, harness::container);
    assertEquals("METRICS_EMBEDDED must be true or false, got 'maybe'", e.getMessage());
  }

  /** The alarms read these metrics: no level drops them, OFF included (the line then holds the metrics alone). */
  @Test
  void noLogLevelDropsTheMetrics() {
    for (String level : java.util.List.of("WARN", "OFF")) {
      harness = new Harness(emulator).with("LOG_LEVEL", level);
      ObjectNode event = (ObjectNode) read(Harness.read(Harness.resource("events/v2/get.json")));
      event.put("rawQueryString", "VideoId=" + DemoCatalogue.PLAYABLE);
      event.remove("queryStringParameters");

      harness.invoke(harness.playAuth(), event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

      assertEquals(1, harness.logLines.size(), level);
      JsonNode line = lastLine();
      assertValid(line);
      assertEquals(1, line.path("Requests").asInt(), level);
      assertEquals("Success", line.path("Outcome").asText(), level);
      assertFalse(line.has("requestId"), level + ": the log's own fields are dropped: " + line);
    }
  }

  @Test
  void theTraceIdIsTheRuntimesXRayRoot() {
    System.setProperty(XRayTrace.TRACE_HEADER_PROPERTY,
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

    JsonNode line = playAuth("VideoId=" + DemoCatalogue.PLAYABLE);

    assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.path("traceId").asText());
    System.clearProperty(XRayTrace.TRACE_HEADER_PROPERTY);
    assertFalse(playAuth("VideoId=" + DemoCatalogue.PLAYABLE).has("traceId"), "no trace, no traceId");
  }

  @Test
  void theCheckerRefusesWhatTheSpecificationForbids() {
    String good = playAuthRaw("VideoId=" + DemoCatalogue.PLAYABLE);
    long now = System.currentTimeMillis();
    assertEquals(List.of(), EmbeddedMetricFormat.problems(good, now));

    assertRefused(good, line -> line.remove("Outcome"), now, "dimension Outcome names no top-level member");
    assertRefused(good, line -> line.put("Function", 7), now, "dimension Function is not a string");
    assertRefused(good, line -> line.put("Requests", "1"), now, "metric Requests is neither a number");
    assertRefused(good, line -> line.remove("VodLatency"), now, "metric VodLatency names no top-level member");
    assertRefused(good, line -> ((ObjectNode) line.path("_aws")).remove("Timestamp"), now, "schema:");
    assertRefused(good, line -> ((ObjectNode) directive(line).path("Metrics").get(0)).put("Unit", "Requests"), now, "schema:");
    assertRefused(good, line -> ((ObjectNode) directive(line)).put("Extra", 1), now, "schema:");
    assertRefused(good, line -> {
      for (int i = 0; i < 100; i++) ((com.fasterxml.jackson.databind.node.ArrayNode) directive(line).path("Metrics")).addObject().put("Name", "M" + i);
    }, now, "schema:");
    assertRefused(good, line -> {
      com.fasterxml.jackson.databind.node.ArrayNode set = ((com.fasterxml.jackson.databind.node.ArrayNode) directive(line).path("Dimensions")).addArray();
      for (int i = 0; i < 31; i++) set.add("D" + i);
    }, now, "schema:");
    assertRefused(good, line -> { }, now + EmbeddedMetricFormat.MAX_AGE.toMillis() + 60_000, "outside CloudWatch's window");
    assertFalse(EmbeddedMetricFormat.problems(good + " trailing", now).isEmpty());
    assertFalse(EmbeddedMetricFormat.problems(good.replace(",\"level\"", ",\n\"level\""), now).isEmpty());
  }

  // ---------------------------------------------------------------------------------------------

  private JsonNode playAuth(String rawQuery) {
    playAuthRaw(rawQuery);
    JsonNode line = lastLine();
    assertValid(line);
    return line;
  }

  /** A function URL GET with this query; returns the log line as written. */
  private String playAuthRaw(String rawQuery) {
    ObjectNode event = (ObjectNode) read(Harness.read(Harness.resource("events/v2/get.json")));
    event.put("rawQueryString", rawQuery);
    event.remove("queryStringParameters");
    int before = harness.logLines.size();
    JsonNode response = harness.invoke(harness.playAuth(), event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(before + 1, harness.logLines.size(), "one line per invocation");
    String line = harness.logLines.get(harness.logLines.size() - 1);
    // The answer names the log line's request ID.
    assertEquals(read(line).path("requestId").asText(), response.path("headers").path("X-Request-Id").asText());
    return line;
  }

  private JsonNode lastLine() {
    return read(harness.logLines.get(harness.logLines.size() - 1));
  }

  private JsonNode read(String text) {
    return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private JsonNode read(byte[] bytes) {
    try {
      return harness.json.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode directive(JsonNode line) {
    return line.path("_aws").path("CloudWatchMetrics").get(0);
  }

  private static void assertValid(JsonNode line) {
    assertEquals(List.of(), EmbeddedMetricFormat.problems(line.toString(), System.currentTimeMillis()), line.toString());
    // The fixed declaration: one directive, the two dimension sets, the units.
    JsonNode directive = directive(line);
    assertEquals(1, line.path("_aws").path("CloudWatchMetrics").size());
    assertEquals("[[\"Function\"],[\"Function\",\"Outcome\"]]", directive.path("Dimensions").toString());
    List<String> declared = new ArrayList<>();
    for (JsonNode metric : directive.path("Metrics")) {
      declared.add(metric.path("Name").asText());
      String unit = metric.path("Name").asText().equals("VodLatency") ? "Milliseconds" : "Count";
      assertEquals(unit, metric.path("Unit").asText(), metric.toString());
    }
    assertTrue(declared.containsAll(COUNTS), declared.toString());
    assertEquals(new TreeSet<>(declared).size(), declared.size());
    assertTrue(line.path("Function").asText().matches("play-auth|refresh-upload"));
    assertFalse(line.toString().contains("\"VideoId\""), "a VideoId is never a dimension");
  }

  private static void assertMetrics(JsonNode line, String outcome, int status, Map<String, Integer> counts) {
    assertEquals(outcome, line.path("outcome").asText(), line.toString());
    assertEquals(outcome, line.path("Outcome").asText(), line.toString());
    assertEquals(status, line.path("status").asInt(), line.toString());
    assertEquals("play-auth", line.path("Function").asText());
    assertCounts(line, counts);
  }

  private static void assertCounts(JsonNode line, Map<String, Integer> counts) {
    for (Map.Entry<String, Integer> count : counts.entrySet()) {
      assertTrue(line.path(count.getKey()).isIntegralNumber(), count.getKey() + " in " + line);
      assertEquals(count.getValue().intValue(), line.path(count.getKey()).asInt(), count.getKey() + " in " + line);
    }
  }

  private static void assertLatencyDeclared(JsonNode line, boolean declared) {
    boolean inMetrics = false;
    for (JsonNode metric : directive(line).path("Metrics")) inMetrics |= metric.path("Name").asText().equals("VodLatency");
    assertEquals(declared, inMetrics, "VodLatency declared: " + line);
    assertEquals(declared, line.has("VodLatency"), "VodLatency member: " + line);
  }

  private void assertRefused(String good, java.util.function.Consumer<ObjectNode> breakIt, long now, String expected) {
    ObjectNode line = (ObjectNode) read(good);
    breakIt.accept(line);
    List<String> problems = EmbeddedMetricFormat.problems(line.toString(), now);
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
  }
}
